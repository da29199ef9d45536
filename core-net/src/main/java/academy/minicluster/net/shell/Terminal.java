package academy.minicluster.net.shell;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * Where commands run that are not API calls: inside a container ({@code kubectl exec}), on a node
 * ({@code kubectl debug node/...}), or at the learner's own prompt. Implemented over the data plane.
 */
public interface Terminal {

    /** Runs {@code argv} in {@code container} of {@code pod}, as {@code kubectl exec} does. */
    ShellResult exec(Pod pod, String container, List<String> argv, String commandLine);

    /**
     * Runs {@code argv} as the container's own command with the terminal attached ({@code kubectl run --rm -it}):
     * the command's output is what the learner sees, whether or not the container is still running after it.
     */
    default ShellResult attach(Pod pod, String container, List<String> argv, String commandLine) {
        return exec(pod, container, argv, commandLine);
    }

    /**
     * Runs one command line typed into an interactive {@code shell} in the container ({@code kubectl exec -it POD --
     * sh}): as {@code shell -c LINE}, but a failing command is only its own output and status, with no
     * "command terminated" from kubectl, which only speaks when the session ends. {@code variables} and
     * {@code exported} are the session shell's own, kept from line to line (empty at the first line, which fills them
     * from the container's environment); a terminal that cannot keep them runs each line afresh.
     */
    default ShellResult typedInShell(Pod pod, String container, String shell, String line,
                                     Map<String, String> variables, java.util.Set<String> exported) {
        ShellResult r = exec(pod, container, List.of(shell, "-c", line), line);
        String suffix = "command terminated with exit code " + r.exitCode() + "\n";
        String stderr = r.stderr().endsWith(suffix) ? r.stderr().substring(0, r.stderr().length() - suffix.length())
                : r.stderr();
        return new ShellResult(line, r.exitCode(), r.stdout(), stderr, r.trace(), r.observations());
    }

    /** Runs {@code argv} in a debug container with {@code image} in the node's network namespace. */
    ShellResult onNode(Node node, String image, List<String> argv, String commandLine);

    /** Runs {@code argv} at the workstation's prompt, outside the cluster. */
    ShellResult onWorkstation(List<String> argv, String commandLine);

    /**
     * Runs {@code argv} at the workstation's prompt, where the learner's files ({@code files}: name to content, as
     * {@code kubectl apply -f} reads them) can be read by the tools that take files ({@code grpcurl -proto}).
     */
    default ShellResult onWorkstation(List<String> argv, String commandLine, Map<String, String> files) {
        return onWorkstation(argv, commandLine);
    }

    /** The container's log: what it printed at start, then one line per request it served. */
    List<String> logs(Pod pod, String container);

    /** Whether the container's log ends without a newline, which {@code kubectl logs} then does not add. */
    default boolean logEndsMidLine(Pod pod, String container) {
        return false;
    }

    /**
     * Keeps {@code output} as the log of {@code container}, whose command this terminal ran
     * ({@code kubectl debug node/...}): {@code kubectl logs} then prints it, as the kubelet would have captured it.
     */
    default void keepOutput(Pod pod, String container, String output) {
    }
}
