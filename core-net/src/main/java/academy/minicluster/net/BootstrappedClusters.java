package academy.minicluster.net;

import academy.minicluster.net.profile.ClusterProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bootstrapped cluster of each (profile, seed) recently asked for, as a snapshot to fork: bootstrapping runs
 * the whole control plane over the system objects, forking copies a few maps.
 *
 * <p>Shared by every thread of the process (the web app grades on many), hence the lock; the snapshots
 * themselves are never written and are forked outside it. The most recently used {@value #CAPACITY} are kept:
 * learners use a handful of profiles and almost always the default seed.
 */
final class BootstrappedClusters {

    static final int CAPACITY = 32;

    private record Key(ClusterProfile profile, long seed) {
    }

    private static final Map<Key, Cluster.Snapshot> SNAPSHOTS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cluster.Snapshot> eldest) {
            return size() > CAPACITY;
        }
    };

    private BootstrappedClusters() {
    }

    static Cluster.Snapshot snapshot(ClusterProfile profile, long seed) {
        Key key = new Key(profile, seed);
        synchronized (SNAPSHOTS) {
            Cluster.Snapshot snapshot = SNAPSHOTS.get(key);
            if (snapshot != null) {
                return snapshot;
            }
        }
        // Bootstrapped outside the lock: two threads may both build the same one; they build the same thing.
        Cluster.Snapshot built = Cluster.bootstrap(profile, seed).snapshot();
        synchronized (SNAPSHOTS) {
            return SNAPSHOTS.computeIfAbsent(key, k -> built);
        }
    }
}
