package academy.minicluster.web.workspace;

import academy.minicluster.net.shell.Shell;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@link #put}. Hits, misses and evictions are counted for {@code /q/metrics}.
 *
 * <p>Bounded by memory: each cluster is weighed when filed ({@link #estimatedBytes}, from its API objects: what
 * {@code ClusterCacheFootprintTest} measures, 133 KiB for a typical lab workspace, 1.9 MiB for a heavy playground)
 * and the least recently used go once the total passes {@code minicluster.workspace.cache-memory} (default
 * {@value #DEFAULT_HEAP_SHARE_PERCENT}% of the maximum heap), or once there are {@code minicluster.workspace.cache-size}
 * clusters, when that is set. So the cache holds every active learner's cluster the heap can hold (10,000 typical
 * workspaces in -Xmx4g), and a few heavy playgrounds cannot exhaust the heap.
 *
 * <p>Beside each cluster, the grader's session of the log it replayed ({@link RecordedSession}), appended as each
 * entry runs, so "Check my work" on a cached cluster reads nothing of the log; its bytes are counted in the weight.
 */
@ApplicationScoped
public class ClusterCache {

    /** A cached cluster's key: the workspace and how many log entries it has replayed. */
    public record Key(long workspaceId, int logLength) {
    }

    /** The share of the maximum heap the cache may fill when {@code minicluster.workspace.cache-memory} is unset. */
    static final int DEFAULT_HEAP_SHARE_PERCENT = 40;
    /**
     * The estimate of a cached cluster's retained heap, fitted to ClusterCacheFootprintTest's two measurements
     * (44 objects: 133 KiB; 233 objects: 1.9 MiB): a base, plus each API object beyond a fresh default cluster's,
     * whose system objects every cluster shares with the bootstrapped snapshot it was forked from.
     */
    static final long BASE_BYTES = 24 * 1024;
    static final long BYTES_PER_OBJECT = 10 * 1024;
    static final int SHARED_OBJECTS = 33;
    /** A typical lab workspace's estimate: what {@link #capacity()} counts in when only memory bounds the cache. */
    static final long TYPICAL_BYTES = BASE_BYTES + 11 * BYTES_PER_OBJECT;

    private record Cached(Shell shell, RecordedSession session, long bytes) {
    }

    /** A cluster dropped to make room: its owner may keep its state ({@link WorkspaceSnapshots}) before it goes. */
    public record Evicted(Key key, Shell shell) {
    }

    private final int capacity;
    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Key, Cached> shells;
    /** Each cached workspace's key filed last (usually its only one), for {@link #takeNewest}. */
    private final HashMap<Long, Key> newest = new HashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    /** A cache of at most {@code capacity} clusters, whatever they weigh (tests). */
    public ClusterCache(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    @Inject
    ClusterCache(@ConfigProperty(name = "minicluster.workspace.cache-size") Optional<Integer> capacity,
                 @ConfigProperty(name = "minicluster.workspace.cache-memory") Optional<MemorySize> memory) {
        this(capacity.orElse(Integer.MAX_VALUE), memory.map(MemorySize::asLongValue)
                .orElse(Runtime.getRuntime().maxMemory() / 100 * DEFAULT_HEAP_SHARE_PERCENT));
    }

    ClusterCache(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("minicluster.workspace.cache-size must be at least 1, not " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("minicluster.workspace.cache-memory must be at least 1, not " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.shells = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** What a cluster retains in the cache, estimated from its API objects (see {@link #BYTES_PER_OBJECT}). */
    static long estimatedBytes(Shell shell) {
        return BASE_BYTES + BYTES_PER_OBJECT * Math.max(0, shell.cluster().store().count() - SHARED_OBJECTS);
    }

    /** Removes and returns the cluster at {@code key}, if this server has it. */
    public Optional<Shell> take(Key key) {
        return lend(key).map(Taken::shell);
    }

    /** Removes and returns the cluster at {@code key} with its session, if this server has it. */
    synchronized Optional<Taken> lend(Key key) {
        Cached cached = remove(key);
        (cached != null ? hits : misses).increment();
        return Optional.ofNullable(cached).map(c -> new Taken(key, c.shell(), c.session()));
    }

    /**
     * A cluster lent out by {@link #takeNewest} or {@link #lend}, the key it was filed under, and its session (see
     * {@link RecordedSession}), to be filed again with it.
     */
    public record Taken(Key key, Shell shell, RecordedSession session) {
    }

    /**
     * Removes and returns the workspace's cluster filed last, at whatever log length, if this server has it: for a
     * caller that checks the length in the same statement that appends to the log ({@code Workspaces.run}). Counted
     * as a hit; when there is none, as nothing (the caller goes on to {@link #take}, which counts the miss).
     */
    public synchronized Optional<Taken> takeNewest(long workspaceId) {
        Key key = newest.get(workspaceId);
        Cached cached = key == null ? null : remove(key);
        if (cached == null) {
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(new Taken(key, cached.shell(), cached.session()));
    }

    /** Removes {@code key}'s entry and its place in {@link #newest}; call holding the lock. */
    private Cached remove(Key key) {
        Cached cached = shells.remove(key);
        if (cached != null) {
            bytes -= cached.bytes();
            newest.remove(key.workspaceId(), key);
        }
        return cached;
    }

    /**
     * Files a cluster under {@code key}, evicting the least recently used beyond the capacity or the memory.
     *
     * @return the clusters evicted, in order (usually none, one when the cache is full)
     */
    public List<Evicted> put(Key key, Shell shell) {
        return put(key, shell, RecordedSession.UNKNOWN);
    }

    /**
     * Files a cluster with its session (see {@link #put(Key, Shell)}); the session's bytes count in its weight. A
     * session that does not stand for {@code key}'s log length is not kept (a check rebuilds it from the log).
     */
    List<Evicted> put(Key key, Shell shell, RecordedSession session) {
        RecordedSession kept = session.length() == key.logLength() ? session : RecordedSession.UNKNOWN;
        Cached cached = new Cached(shell, kept, estimatedBytes(shell) + kept.bytes()); // weighed outside the lock
        List<Evicted> evicted = List.of();
        synchronized (this) {
            Cached previous = shells.put(key, cached);
            bytes += cached.bytes() - (previous == null ? 0 : previous.bytes());
            newest.put(key.workspaceId(), key);
            var eldest = shells.entrySet().iterator();
            while (shells.size() > 1 && (shells.size() > capacity || bytes > maxBytes)) {
                Map.Entry<Key, Cached> e = eldest.next();
                bytes -= e.getValue().bytes();
                newest.remove(e.getKey().workspaceId(), e.getKey());
                eldest.remove();
                evictions.increment();
                if (evicted.isEmpty()) {
                    evicted = new ArrayList<>(1);
                }
                evicted.add(new Evicted(e.getKey(), e.getValue().shell()));
            }
        }
        return evicted;
    }

    /** Forgets every cluster of a workspace (tests; a reset leaves them to age out). */
    public synchronized void evict(long workspaceId) {
        newest.remove(workspaceId);
        shells.entrySet().removeIf(e -> {
            if (e.getKey().workspaceId() == workspaceId) {
                bytes -= e.getValue().bytes();
                return true;
            }
            return false;
        });
    }

    public synchronized void clear() {
        shells.clear();
        newest.clear();
        bytes = 0;
    }

    /** The estimated heap the cached clusters retain ({@link #estimatedBytes}). */
    public synchronized long bytes() {
        return bytes;
    }

    /** The most the cached clusters may retain, estimated. */
    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int size() {
        return shells.size();
    }

    /**
     * How many clusters fit: {@code minicluster.workspace.cache-size} when set, else how many typical lab workspaces
     * the memory holds (heavier ones leave room for fewer).
     */
    public int capacity() {
        return (int) Math.min(capacity, maxBytes / TYPICAL_BYTES);
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
