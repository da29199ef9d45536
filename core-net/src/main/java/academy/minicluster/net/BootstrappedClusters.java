package academy.minicluster.net;

import academy.minicluster.net.profile.ClusterProfile;

/**
 * The bootstrapped cluster of each (profile, seed) recently asked for, as a snapshot to fork: bootstrapping runs
 * the whole control plane over the system objects, forking copies a few maps. The most recently used
 * {@value #CAPACITY} are kept: learners use a handful of profiles and almost always the default seed.
 */
final class BootstrappedClusters {

    static final int CAPACITY = 32;

    private record Key(ClusterProfile profile, long seed) {
    }

    private static final SnapshotCache<Key, Cluster.Snapshot> SNAPSHOTS = new SnapshotCache<>(CAPACITY);

    private BootstrappedClusters() {
    }

    static Cluster.Snapshot snapshot(ClusterProfile profile, long seed) {
        return SNAPSHOTS.get(new Key(profile, seed), () -> Cluster.bootstrap(profile, seed).snapshot());
    }
}
