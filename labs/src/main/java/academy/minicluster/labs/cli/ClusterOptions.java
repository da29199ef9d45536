package academy.minicluster.labs.cli;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --profile} and {@code --seed}: which cluster a command starts from; and its limits. */
final class ClusterOptions {

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", defaultValue = "default",
            description = "cluster profile (see `minicluster profiles`; default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the cluster's random choices (names, IPs, endpoint choice; default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    LimitsOptions limits;

    ClusterProfile profile() {
        return ClusterProfile.named(profile).orElseThrow(() -> new Minicluster.Misuse("unknown profile \"" + profile
                + "\" (known: " + ClusterProfile.all().stream().map(ClusterProfile::name)
                .collect(Collectors.joining(", ")) + ")"));
    }

    Cluster cluster() {
        return Cluster.create(profile(), seed, limits.limits());
    }
}
