package academy.minicluster.net.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code env} and {@code printenv [NAME...]}: a process's environment, as coreutils and busybox print it. */
final class Environment {

    private Environment() {
    }

    /** {@code env} prints every variable (sorted, the model's environments have no order of their own). */
    static ShellResult print(String line, List<String> words, Map<String, String> environment) {
        Map<String, String> env = new TreeMap<>(environment);
        if (words.size() > 1 && words.get(0).endsWith("printenv")) {
            StringBuilder out = new StringBuilder();
            int exit = 0;
            for (String name : words.subList(1, words.size())) {
                String value = env.get(name);
                if (value == null) {
                    exit = 1;
                } else {
                    out.append(value).append('\n');
                }
            }
            return new ShellResult(line, exit, out.toString(), "", List.of());
        }
        StringBuilder out = new StringBuilder();
        env.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return ShellResult.ok(line, out.toString());
    }
}
