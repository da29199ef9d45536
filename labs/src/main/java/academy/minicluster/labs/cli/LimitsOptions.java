package academy.minicluster.labs.cli;

import academy.minicluster.net.api.ClusterLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --max-objects}, {@code --max-pods}, ...: the cluster's limits ({@link ClusterLimits}), the same names and
 * defaults as the web-app's {@code minicluster.limits.*} properties.
 */
final class LimitsOptions {

    private static final ClusterLimits D = ClusterLimits.DEFAULTS;

    @Option(names = "--max-objects", paramLabel = "N", description = "API objects the cluster may hold (default: "
            + "${DEFAULT-VALUE})")
    int maxObjects = D.maxObjects();

    @Option(names = "--max-pods", paramLabel = "N", description = "pods the cluster may hold (default: "
            + "${DEFAULT-VALUE})")
    int maxPods = D.maxPods();

    @Option(names = "--max-commands", paramLabel = "N", description = "command lines one session may run (default: "
            + "${DEFAULT-VALUE})")
    int maxCommands = D.maxCommands();

    @Option(names = "--max-log-bytes", paramLabel = "BYTES", description = "bytes of log kept per container "
            + "(default: ${DEFAULT-VALUE})")
    long maxLogBytes = D.maxLogBytes();

    @Option(names = "--cpu-per-command", paramLabel = "SECONDS", description = "CPU seconds one command may take "
            + "(default: ${DEFAULT-VALUE})")
    long cpuPerCommand = D.cpuPerCommand().toSeconds();

    @Option(names = "--cpu-per-session", paramLabel = "SECONDS", description = "CPU seconds all commands may take "
            + "(default: ${DEFAULT-VALUE})")
    long cpuPerSession = D.cpuPerSession().toSeconds();

    @Option(names = "--max-output-bytes", paramLabel = "BYTES", description = "bytes of output all commands may "
            + "print (default: ${DEFAULT-VALUE})")
    long maxOutputBytes = D.maxOutputBytes();

    ClusterLimits limits() {
        try {
            return new ClusterLimits(maxObjects, maxPods, maxCommands, maxLogBytes, Duration.ofSeconds(cpuPerCommand),
                    Duration.ofSeconds(cpuPerSession), maxOutputBytes);
        } catch (IllegalArgumentException e) {
            throw new Minicluster.Misuse("invalid limit: " + e.getMessage());
        }
    }
}
