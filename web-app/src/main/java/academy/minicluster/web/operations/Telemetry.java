package academy.minicluster.web.operations;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.web.workspace.ClusterCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What the platform's own work leaves for its operators, besides the per-request line of {@link RequestTracing}:
 * metrics at {@code /q/metrics} (Prometheus) and one log line per grading on the {@value #GRADING_LOGGER} logger,
 * naming the request that asked for it (in the text, and as {@code requestId} in the JSON line's {@code mdc}).
 *
 * <table>
 *   <caption>The series (Prometheus names)</caption>
 *   <tr><td>{@code minicluster_grading_seconds} (histogram, tag {@code lab})</td>
 *       <td>the grader's time per submission; buckets from 1 ms to 10 s, so {@code histogram_quantile} over the
 *       replicas' buckets gives the fleet's percentiles (client-side percentiles could not be added up)</td></tr>
 *   <tr><td>{@code minicluster_attempts_total} (tags {@code lab}, {@code outcome})</td>
 *       <td>submissions by {@link Grading.Outcome}: {@code full}, {@code partial}, {@code zero}, {@code rejected}</td></tr>
 *   <tr><td>{@code minicluster_workspace_replay_seconds} (histogram)</td>
 *       <td>each rebuild of a workspace's cluster by replaying its command log (a miss of this server's
 *       {@link ClusterCache}); its {@code _count} is the number of replays</td></tr>
 *   <tr><td>{@code minicluster_workspace_restore_seconds} (histogram)</td>
 *       <td>each rebuild of a workspace's cluster from its saved state and the entries after it (a miss of the
 *       cache when a state was saved); its {@code _count} is the number of restores</td></tr>
 *   <tr><td>{@code minicluster_workspace_snapshot_saves_total}</td><td>states saved</td></tr>
 *   <tr><td>{@code minicluster_workspace_cache_hits_total}, {@code _misses_total}, {@code _evictions_total},
 *       {@code minicluster_workspace_cache_size}, {@code _capacity}</td><td>the cache itself</td></tr>
 * </table>
 *
 * <p>The database pool's gauges ({@code agroal_active_count}, {@code agroal_available_count},
 * {@code agroal_awaiting_count}, ...) come from Quarkus with {@code quarkus.datasource.metrics.enabled=true}.
 */
@Startup
@ApplicationScoped
public class Telemetry {

    /** The logger of the per-grading lines. */
    public static final String GRADING_LOGGER = "academy.grading";

    private static final Logger GRADING_LOG = Logger.getLogger(GRADING_LOGGER);
    private static final Duration[] GRADING_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000,
            10_000);
    private static final Duration[] REPLAY_BUCKETS = millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000);

    private final MeterRegistry registry;
    private final RequestTracing tracing;
    private final Timer replays;
    private final Timer restores;
    private final Counter saves;
    /**
     * The meters by lab (and outcome), once registered: the registry would find them again from name and tags, at
     * the cost of building and hashing an id per grading. One entry per lab and outcome graded on this server.
     */
    private final Map<String, Timer> gradingTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> attemptCounters = new ConcurrentHashMap<>();
    /** Held here: Micrometer keeps only a weak reference to what a function counter or gauge reads. */
    private final ClusterCache cache;

    Telemetry(MeterRegistry registry, ClusterCache cache, RequestTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.cache = cache;
        this.replays = Timer.builder("minicluster.workspace.replay")
                .description("Rebuilds of a workspace's cluster by replaying its command log (cache misses)")
                .serviceLevelObjectives(REPLAY_BUCKETS)
                .register(registry);
        this.restores = Timer.builder("minicluster.workspace.restore")
                .description("Rebuilds of a workspace's cluster from its saved state and the entries after it")
                .serviceLevelObjectives(REPLAY_BUCKETS)
                .register(registry);
        this.saves = Counter.builder("minicluster.workspace.snapshot.saves")
                .description("Saved states of workspaces' clusters").register(registry);
        FunctionCounter.builder("minicluster.workspace.cache.hits", cache, ClusterCache::hits)
                .description("Requests that found their workspace's cluster in this server's cache").register(registry);
        FunctionCounter.builder("minicluster.workspace.cache.misses", cache, ClusterCache::misses)
                .description("Requests that did not, and replayed the log").register(registry);
        FunctionCounter.builder("minicluster.workspace.cache.evictions", cache, ClusterCache::evictions)
                .description("Clusters dropped to keep the cache within its capacity").register(registry);
        Gauge.builder("minicluster.workspace.cache.size", cache, ClusterCache::size)
                .description("Clusters in this server's cache").register(registry);
        Gauge.builder("minicluster.workspace.cache.capacity", cache, ClusterCache::capacity)
                .description("minicluster.workspace.cache-size").register(registry);
        // Every built-in lab's series exist from the start, at zero: a server that has graded nothing yet (just
        // restarted, or kept out of rotation by its balancer) still answers for them, so rate() and sums over the
        // fleet see a zero instead of a missing series. Instructors' labs appear when first graded.
        for (String lab : BuiltInLabs.ids()) {
            gradingTimer(lab);
            for (Grading.Outcome outcome : Grading.Outcome.values()) {
                attempts(lab, outcome);
            }
        }
    }

    /** Times, counts and logs a grading. */
    public void graded(Grading grading) {
        gradingTimer(grading.labId()).record(grading.nanos(), TimeUnit.NANOSECONDS);
        attempts(grading.labId(), grading.outcome()).increment();
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<String> requestId = tracing.currentRequestId();
        requestId.ifPresent(id -> fields.put("requestId", id));
        fields.put("instance", tracing.instance());
        fields.putAll(grading.mdc());
        String line = grading.message() + requestId.map(id -> ", request " + id).orElse("");
        withMdc(fields, () -> GRADING_LOG.info(line));
    }

    /** Counts a submission refused before grading (no attempt stored). */
    public void rejected(String labId) {
        attempts(labId, Grading.Outcome.REJECTED).increment();
    }

    /** Counts (and times) one replay of a workspace's log on a fresh cluster. */
    public void replayed(long nanos) {
        replays.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts (and times) one restore of a workspace's cluster from its saved state, with the entries after it. */
    public void restored(long nanos) {
        restores.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one saved state of a workspace's cluster. */
    public void saved() {
        saves.increment();
    }

    private Timer gradingTimer(String labId) {
        return gradingTimers.computeIfAbsent(labId, lab -> Timer.builder("minicluster.grading")
                .description("Time the grader took for one submission")
                .tag("lab", lab)
                .serviceLevelObjectives(GRADING_BUCKETS)
                .register(registry));
    }

    private Counter attempts(String labId, Grading.Outcome outcome) {
        return attemptCounters.computeIfAbsent(labId + "\n" + outcome.tag(), key -> Counter.builder("minicluster.attempts")
                .description("Submissions by outcome: full, partial, zero (graded and stored) or rejected (not graded)")
                .tag("lab", labId)
                .tag("outcome", outcome.tag())
                .register(registry));
    }

    /** Runs {@code log} with {@code fields} in the MDC, then puts back what was there. */
    static void withMdc(Map<String, String> fields, Runnable log) {
        Map<String, Object> before = new LinkedHashMap<>();
        fields.forEach((k, v) -> before.put(k, MDC.put(k, v)));
        try {
            log.run();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    MDC.remove(k);
                } else {
                    MDC.put(k, v);
                }
            });
        }
    }

    private static Duration[] millis(long... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofMillis(values[i]);
        }
        return d;
    }
}
