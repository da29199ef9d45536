package academy.minicluster.web.workspace;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.shell.Shell;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tab completion for the terminal, as kubectl's own completion script offers it, read from the learner's cluster
 * (the same API server model the commands run on): verbs, resource types (plural, singular and short names), the
 * names of the objects of the type typed, namespaces after {@code -n}, pods for {@code exec} and {@code logs}, and
 * the common flags. Only the word under the cursor (the line's last) is completed.
 */
public final class KubectlCompletion {

    /** The flags offered after a "-": the ones kubectl users type most, long and short. */
    static final List<String> FLAGS = List.of("--all-namespaces", "--container", "--dry-run=client", "--filename",
            "--help", "--image", "--labels", "--namespace", "--output", "--port", "--replicas", "--selector",
            "--show-labels", "--stdin", "--target-port", "--tty", "--type", "--watch", "-A", "-c", "-f", "-i", "-it",
            "-l", "-n", "-o", "-t", "-w");

    /** Verbs whose first argument is a pod. */
    static final List<String> POD_VERBS = List.of("attach", "exec", "logs", "port-forward");

    /** Verbs whose first argument is a resource type, and the second a name of that type. */
    static final List<String> TYPE_VERBS = List.of("annotate", "delete", "describe", "edit", "explain", "get",
            "label", "patch", "scale", "wait", "expose", "set", "rollout");

    private KubectlCompletion() {
    }

    /** What the last word of {@code line} may become, sorted; empty when nothing fits. */
    public static List<String> of(Cluster cluster, String line) {
        List<String> words = new ArrayList<>(List.of(line.stripLeading().split("\\s+", -1)));
        if (words.size() == 1 && words.get(0).isEmpty()) {
            return List.of("kubectl");
        }
        String word = words.get(words.size() - 1);
        if (words.size() == 1) {
            return matching(List.of("kubectl"), word);
        }
        if (!words.get(0).equals("kubectl")) {
            return List.of();
        }
        String previous = words.get(words.size() - 2);
        if (previous.equals("-n") || previous.equals("--namespace")) {
            return matching(names(cluster, "Namespace", Optional.empty()), word);
        }
        if (word.startsWith("-")) {
            return matching(FLAGS, word);
        }
        // The positional words before this one (flags and their values left out), the verb first.
        List<String> positional = new ArrayList<>();
        Optional<String> namespace = Optional.of("default");
        for (int i = 1; i < words.size() - 1; i++) {
            String w = words.get(i);
            if (w.equals("-n") || w.equals("--namespace") || w.equals("-o") || w.equals("--output")
                    || w.equals("-l") || w.equals("-c") || w.equals("-f")) {
                if ((w.equals("-n") || w.equals("--namespace")) && i + 1 < words.size() - 1) {
                    namespace = Optional.of(words.get(i + 1));
                }
                i++;
            } else if (w.equals("-A") || w.equals("--all-namespaces")) {
                namespace = Optional.empty();
            } else if (w.startsWith("--namespace=")) {
                namespace = Optional.of(w.substring("--namespace=".length()));
            } else if (w.equals("--")) {
                return List.of();
            } else if (!w.startsWith("-")) {
                positional.add(w);
            }
        }
        Optional<String> in = namespace;
        if (positional.isEmpty()) {
            return matching(Shell.kubectlCommands(), word);
        }
        String verb = positional.get(0);
        if (POD_VERBS.contains(verb) && positional.size() == 1) {
            return matching(names(cluster, "Pod", in), word);
        }
        if (!TYPE_VERBS.contains(verb)) {
            return List.of();
        }
        int slash = word.indexOf('/');
        if (positional.size() == 1 && slash > 0) {
            String type = word.substring(0, slash);
            return Kinds.byName(type).map(r -> matching(names(cluster, r.kind(), in).stream()
                    .map(n -> type + "/" + n).toList(), word)).orElse(List.of());
        }
        if (positional.size() == 1) {
            TreeSet<String> types = new TreeSet<>();
            Kinds.ALL.forEach(r -> {
                types.add(r.plural());
                types.add(r.singular());
                types.addAll(r.shortNames());
            });
            return matching(List.copyOf(types), word);
        }
        return Kinds.byName(positional.get(1).toLowerCase(java.util.Locale.ROOT))
                .map(r -> matching(names(cluster, r.kind(), in), word)).orElse(List.of());
    }

    /** The names of the objects of {@code kind}, in {@code namespace} (every one when empty, or not namespaced). */
    static List<String> names(Cluster cluster, String kind, Optional<String> namespace) {
        TreeSet<String> names = new TreeSet<>();
        for (HasMetadata o : cluster.api().store().listAny(kind)) {
            String ns = o.getMetadata().getNamespace();
            if (namespace.isEmpty() || ns == null || ns.equals(namespace.get())) {
                names.add(o.getMetadata().getName());
            }
        }
        return List.copyOf(names);
    }

    private static List<String> matching(List<String> candidates, String prefix) {
        return candidates.stream().filter(c -> c.startsWith(prefix)).sorted().distinct().toList();
    }
}
