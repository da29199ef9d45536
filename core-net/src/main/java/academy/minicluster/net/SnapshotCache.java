package academy.minicluster.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The most recently used snapshots (or values holding them), shared by every thread of a process: the bootstrapped
 * cluster of each profile and seed, each lab's starting cluster. Built outside the lock, so a slow build never
 * holds up a look-up; two threads may build the same entry at once, and as a cluster is a pure function of what it
 * was built from, they build the same thing and the first one kept wins.
 *
 * @param <K> what an entry is built from (a record: equal inputs, equal keys)
 * @param <V> the entry, never written after it is built (a {@link Cluster.Snapshot}, or a record holding one)
 */
public final class SnapshotCache<K, V> {

    private final Map<K, V> entries;

    public SnapshotCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The entry for {@code key}, built by {@code build} (outside the lock) when it is not kept. */
    public V get(K key, Supplier<V> build) {
        synchronized (entries) {
            V kept = entries.get(key);
            if (kept != null) {
                return kept;
            }
        }
        V built = build.get();
        synchronized (entries) {
            return entries.computeIfAbsent(key, k -> built);
        }
    }
}
