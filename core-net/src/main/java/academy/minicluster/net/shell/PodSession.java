package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;

/**
 * An interactive shell that kubectl attached the terminal to ({@code exec -it POD -- sh},
 * {@code run -it --rm NAME --image=busybox}): the {@link Shell} runs the next lines in it until {@code exit}.
 *
 * @param shell      the shell program as started ({@code sh}, {@code /bin/bash}, ...)
 * @param afterExit  what happens to the pod when the shell exits
 */
record PodSession(String namespace, String pod, String container, String shell, AfterExit afterExit) {

    /** {@code exec} leaves the pod running; {@code run --rm} deletes it. */
    enum AfterExit { KEEP_POD, DELETE_POD }

    private static final Set<String> INTERACTIVE_SHELLS = Set.of("sh", "ash", "bash", "dash", "zsh");

    /**
     * The shell {@code argv} starts reading its standard input ({@code sh}, {@code /bin/bash}, {@code sh -i},
     * {@code bash -l}), or null: a shell with {@code -c} or a script runs that and exits, as does any other program.
     */
    static String interactiveShell(List<String> argv) {
        if (argv.isEmpty() || argv.size() > 2) {
            return null;
        }
        String program = argv.get(0);
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (!INTERACTIVE_SHELLS.contains(base)) {
            return null;
        }
        return argv.size() == 1 || argv.get(1).equals("-i") || argv.get(1).equals("-l")
                || argv.get(1).equals("--login") ? program : null;
    }

    /** Whether the container runs and its image has {@code shell} (else kubectl's usual errors follow). */
    static boolean runningWith(Cluster cluster, Pod pod, String container, String shell) {
        return cluster.dataPlane().runtime().container(pod, container)
                .filter(c -> c.isRunning() && c.hasExecutable(shell)).isPresent();
    }
}
