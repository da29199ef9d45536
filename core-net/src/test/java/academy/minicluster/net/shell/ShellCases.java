package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tables of shell cases in a test resource: each case starts with {@code === name}, then the script's lines, then
 * {@code --- exit N}, the expected standard output, and optionally {@code --- stderr} and the expected standard
 * error. Lines starting with {@code #} before the first case are comments.
 */
final class ShellCases {

    record Case(String name, String script, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return name;
        }

        /** Runs the script on a fresh shell from {@code fixture}: every line's output, the last line's exit code. */
        void check(Supplier<Shell> fixture) {
            Shell shell = fixture.get();
            List<ShellResult> results = shell.runScript(script);
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            results.forEach(r -> {
                out.append(r.stdout());
                err.append(r.stderr());
            });
            assertThat(out.toString()).as("stdout of %s", script).isEqualTo(stdout);
            assertThat(err.toString()).as("stderr of %s", script).isEqualTo(stderr);
            assertThat(results.get(results.size() - 1).exitCode()).as("exit of %s", script).isEqualTo(exit);
        }
    }

    private ShellCases() {
    }

    static List<Case> read(String resource) {
        List<Case> cases = new ArrayList<>();
        String[] lines = KubectlFixture.resource(resource).split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("=== ")) {
                i++;
                continue;
            }
            String name = lines[i++].substring(4);
            StringBuilder script = new StringBuilder();
            while (!lines[i].startsWith("--- exit ")) {
                script.append(lines[i++]).append('\n');
            }
            int exit = Integer.parseInt(lines[i++].substring(9).strip());
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            StringBuilder into = out;
            while (i < lines.length && !lines[i].startsWith("=== ")) {
                if (lines[i].equals("--- stderr")) {
                    into = err;
                } else {
                    into.append(lines[i]).append('\n');
                }
                i++;
            }
            cases.add(new Case(name, script.toString(), exit, trimBlank(out), trimBlank(err)));
        }
        return cases;
    }

    /** The blank lines that separate cases are not part of the output. */
    private static String trimBlank(StringBuilder text) {
        String s = text.toString();
        while (s.endsWith("\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals("\n") ? "" : s;
    }
}
