package academy.minicluster.web.operations;

import academy.minicluster.net.api.ClusterLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The mini-cluster's limits ({@link ClusterLimits}) as this server is configured: {@code minicluster.limits.<name>}
 * (environment {@code MINICLUSTER_LIMITS_<NAME>}), each defaulting to {@link ClusterLimits#DEFAULTS}, the defaults
 * of the CLI too. One value for the simulation API, the workspaces and grading (README "Limits").
 */
@ApplicationScoped
public class MiniclusterLimits {

    private final ClusterLimits limits;

    MiniclusterLimits(@ConfigProperty(name = "minicluster.limits.max-objects") Optional<Integer> maxObjects,
                      @ConfigProperty(name = "minicluster.limits.max-pods") Optional<Integer> maxPods,
                      @ConfigProperty(name = "minicluster.limits.max-commands") Optional<Integer> maxCommands,
                      @ConfigProperty(name = "minicluster.limits.max-log-bytes") Optional<Long> maxLogBytes,
                      @ConfigProperty(name = "minicluster.limits.cpu-per-command") Optional<Duration> cpuPerCommand,
                      @ConfigProperty(name = "minicluster.limits.cpu-per-session") Optional<Duration> cpuPerSession,
                      @ConfigProperty(name = "minicluster.limits.max-output-bytes") Optional<Long> maxOutputBytes) {
        ClusterLimits d = ClusterLimits.DEFAULTS;
        this.limits = new ClusterLimits(maxObjects.orElse(d.maxObjects()), maxPods.orElse(d.maxPods()),
                maxCommands.orElse(d.maxCommands()), maxLogBytes.orElse(d.maxLogBytes()),
                cpuPerCommand.orElse(d.cpuPerCommand()), cpuPerSession.orElse(d.cpuPerSession()),
                maxOutputBytes.orElse(d.maxOutputBytes()));
    }

    public ClusterLimits limits() {
        return limits;
    }
}
