package academy.minicluster.net.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What one mini-cluster may cost, whoever drives it (the {@code minicluster} CLI, {@code POST /api/v1/simulations},
 * a learner's workspace, grading): counted on what is actually stored and run, whatever the route in (a file, a
 * here-document, a pipe, a {@code kind: List}, a controller creating pods, a replayed log).
 *
 * <p>The counted limits do the work and answer the same for the same input, byte for byte; the CPU-time budgets are a
 * backstop, generous enough that no ordinary command or built-in lab comes near them. Each limit has the name the
 * web-app reads it under ({@code minicluster.limits.<name>}) and the CLI's option ({@code --<name>}).
 *
 * @param maxObjects       API objects stored in the cluster, system objects included: a create past it is refused
 *                         as kube-apiserver refuses one past a ResourceQuota ({@code exceeded quota})
 * @param maxPods          pods in the cluster, system pods included: kubectl is refused past it, and a ReplicaSet's
 *                         controller records {@code FailedCreate} and a {@code ReplicaFailure} condition
 * @param maxCommands      command lines run in one session (a CLI run, a simulation, a workspace's log), each line
 *                         of a script counting once, here-document bodies not counted
 * @param maxLogBytes      bytes of one container's log kept: older lines are rotated away, as the kubelet rotates
 *                         at {@code containerLogMaxSize}
 * @param cpuPerCommand    CPU time one command line (an apply, a pipeline, a grading probe) may take
 * @param cpuPerSession    CPU time all the commands of one session may take together
 * @param maxOutputBytes   bytes of standard output and error (UTF-8) all the commands of one session may print
 *                         together: what a server holds and sends back for one simulation, or replays for one
 *                         workspace log; the command that crosses it has its output cut there
 */
public record ClusterLimits(int maxObjects, int maxPods, int maxCommands, long maxLogBytes, Duration cpuPerCommand,
                            Duration cpuPerSession, long maxOutputBytes) {

    /**
     * The limits unless configured otherwise: far above any built-in lab, far below what hurts a server. The output
     * limit is the web-app's storage quota of one learner's workspace logs (32 MiB), so a log that fits the quota
     * replays within it.
     */
    public static final ClusterLimits DEFAULTS = new ClusterLimits(1000, 300, 1000, 1024 * 1024,
            Duration.ofSeconds(20), Duration.ofSeconds(120), 32L * 1024 * 1024);

    /** One limit by name: the configuration key's last part and the error messages use it. */
    public enum Limit {
        MAX_OBJECTS("max-objects"), MAX_PODS("max-pods"), MAX_COMMANDS("max-commands"),
        MAX_LOG_BYTES("max-log-bytes"), CPU_PER_COMMAND("cpu-per-command"), CPU_PER_SESSION("cpu-per-session"),
        MAX_OUTPUT_BYTES("max-output-bytes");

        private final String key;

        Limit(String key) {
            this.key = key;
        }

        /** {@code max-pods}: {@code minicluster.limits.max-pods} in the web-app, {@code --max-pods} in the CLI. */
        public String key() {
            return key;
        }
    }

    public ClusterLimits {
        positive(maxObjects, "maxObjects");
        positive(maxPods, "maxPods");
        positive(maxCommands, "maxCommands");
        positive(maxLogBytes, "maxLogBytes");
        positive(maxOutputBytes, "maxOutputBytes");
        Objects.requireNonNull(cpuPerCommand, "cpuPerCommand");
        Objects.requireNonNull(cpuPerSession, "cpuPerSession");
        if (cpuPerCommand.isNegative() || cpuPerCommand.isZero() || cpuPerSession.isNegative()
                || cpuPerSession.isZero()) {
            throw new IllegalArgumentException("CPU budgets must be positive");
        }
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
