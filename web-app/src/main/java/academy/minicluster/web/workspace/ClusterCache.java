package academy.minicluster.web.workspace;

import academy.minicluster.net.shell.Shell;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's rebuilt clusters, so most requests need no replay: a bounded least-recently-used map keyed by
 * workspace id and log length (the number of entries replayed into the cluster). A key names exactly one state, so
 * a stale entry can never be served: after a command the cluster is filed under the new length.
 *
 * <p>The cache is only an optimisation. State lives in PostgreSQL (the log); a cluster evicted here, lost in a
 * restart or never built on this server is rebuilt by replay with the same result. A cluster is lent out with
 * {@link #take} (removed while a request mutates it, so two requests never share one) and returned with
 * {@link #put}. Size: {@code minicluster.workspace.cache-size} clusters (default 200; what one retains is measured
 * by {@code ClusterCacheFootprintTest} and stated in the README). Hits, misses and evictions are counted for
 * {@code /q/metrics}.
 */
@ApplicationScoped
public class ClusterCache {

    /** A cached cluster's key: the workspace and how many log entries it has replayed. */
    public record Key(long workspaceId, int logLength) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, Shell> shells;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public ClusterCache(@ConfigProperty(name = "minicluster.workspace.cache-size", defaultValue = "200") int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("minicluster.workspace.cache-size must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.shells = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Shell> eldest) {
                boolean full = size() > ClusterCache.this.capacity;
                if (full) {
                    evictions.increment();
                }
                return full;
            }
        };
    }

    /** Removes and returns the cluster at {@code key}, if this server has it. */
    public synchronized Optional<Shell> take(Key key) {
        Optional<Shell> shell = Optional.ofNullable(shells.remove(key));
        (shell.isPresent() ? hits : misses).increment();
        return shell;
    }

    /** Files a cluster under {@code key} (evicting the least recently used beyond the capacity). */
    public synchronized void put(Key key, Shell shell) {
        shells.put(key, shell);
    }

    /** Forgets every cluster of a workspace (tests; a reset leaves them to age out). */
    public synchronized void evict(long workspaceId) {
        shells.keySet().removeIf(k -> k.workspaceId() == workspaceId);
    }

    public synchronized void clear() {
        shells.clear();
    }

    public synchronized int size() {
        return shells.size();
    }

    public int capacity() {
        return capacity;
    }

    /** How many {@link #take}s found their cluster here, since start. */
    public long hits() {
        return hits.sum();
    }

    /** How many {@link #take}s did not (each one is followed by a replay of the log). */
    public long misses() {
        return misses.sum();
    }

    /** How many clusters were dropped to stay within the capacity, since start. */
    public long evictions() {
        return evictions.sum();
    }
}
