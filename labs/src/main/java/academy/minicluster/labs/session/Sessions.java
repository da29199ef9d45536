package academy.minicluster.labs.session;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;

/** Opens a learner's shell on a fresh cluster: kubectl, plus curl, dig, nc ... through the data plane. */
public final class Sessions {

    private Sessions() {
    }

    /** A fresh cluster of {@code profile} built from {@code seed}, and a shell on it. */
    public static Shell open(ClusterProfile profile, long seed) {
        return open(Cluster.create(profile, seed));
    }

    /** A fresh cluster of {@code profile} built from {@code seed}, held to {@code limits}, and a shell on it. */
    public static Shell open(ClusterProfile profile, long seed, ClusterLimits limits) {
        return open(Cluster.create(profile, seed, limits));
    }

    /** A shell on {@code cluster}, wired to its data plane. */
    public static Shell open(Cluster cluster) {
        return Shell.open(cluster);
    }
}
