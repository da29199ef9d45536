package academy.minicluster.web.operations;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What every request gets, whatever route serves it: a request id, the name of the replica that answered, one log
 * line, and a 503 instead of a 500 when the database is unreachable.
 *
 * <ul>
 *   <li>{@code X-Request-Id}: the caller's (the load balancer's), when it is a plain token, else a new UUID.</li>
 *   <li>{@code X-Served-By}: {@code MINICLUSTER_INSTANCE}, else {@code hostname:port}. Replicas are identical, so
 *       this header is the only way to see from outside which one answered (the replica test relies on it).</li>
 *   <li>One line per request on the {@code academy.request} logger (unless {@code MINICLUSTER_LOG_REQUESTS=false}),
 *       naming the request id; with {@code MINICLUSTER_LOG_JSON=true}, quarkus-logging-json writes it as JSON
 *       with the request id, instance, method, path, status and duration as fields of its {@code mdc}.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestTracing {

    static final String REQUEST_ID = "X-Request-Id";
    static final String SERVED_BY = "X-Served-By";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger LOG = Logger.getLogger("academy.request");

    private final String instance;
    private final boolean logRequests;

    RequestTracing(@ConfigProperty(name = "minicluster.instance") Optional<String> instance,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
            @ConfigProperty(name = "minicluster.log.requests", defaultValue = "true") boolean logRequests) {
        this.instance = instance.filter(s -> !s.isBlank()).orElseGet(() -> hostname() + ":" + port);
        this.logRequests = logRequests;
    }

    /** The name this replica gives itself in {@code X-Served-By}. */
    public String instance() {
        return instance;
    }

    /**
     * The id of the request being served on this thread, for log lines written while serving it (the grading
     * line); empty outside a request.
     */
    public Optional<String> currentRequestId() {
        ArcContainer arc = Arc.container();
        if (arc != null && arc.requestContext().isActive()) {
            InstanceHandle<CurrentVertxRequest> current = arc.instance(CurrentVertxRequest.class);
            RoutingContext rc = current.isAvailable() ? current.get().getCurrent() : null;
            if (rc != null && rc.get("requestId") != null) {
                return Optional.of(rc.get("requestId"));
            }
        }
        return Optional.ofNullable(MDC.get("requestId")).map(Object::toString);
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::begin).failureHandler(this::failed);
    }

    private void begin(RoutingContext rc) {
        if (rc.get("requestId") != null) {
            // Rerouted (an unmatched URL to its 404 page, errors.UnmatchedRequests): one request, one id, one line.
            rc.next();
            return;
        }
        long start = System.nanoTime();
        String incoming = rc.request().getHeader(REQUEST_ID);
        String requestId = incoming != null && TOKEN.matcher(incoming).matches() ? incoming : newRequestId();
        rc.put("requestId", requestId);
        rc.response().putHeader(SERVED_BY, instance).putHeader(REQUEST_ID, requestId);
        if (logRequests) {
            rc.addEndHandler(ended -> log(rc, requestId, start));
        }
        rc.next();
    }

    private void failed(RoutingContext rc) {
        if (rc.failure() != null && DatabaseUnavailable.causedBy(rc.failure()) && !rc.response().headWritten()) {
            rc.response().setStatusCode(503)
                    .putHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    .putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(DatabaseUnavailable.MESSAGE + "\n");
            return;
        }
        rc.next();
    }

    /**
     * A random (version 4) UUID, as {@link UUID#randomUUID()} makes one, from the thread's own generator rather than
     * the shared {@code SecureRandom}: a request id names a request in the logs, it guards nothing, and the secure
     * generator costs a lock and more per request.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb).toString();
    }

    private void log(RoutingContext rc, String requestId, long start) {
        long micros = (System.nanoTime() - start) / 1_000;
        String method = rc.request().method().name();
        String path = rc.request().path();
        String status = String.valueOf(rc.response().getStatusCode());
        MDC.put("requestId", requestId);
        MDC.put("instance", instance);
        MDC.put("method", method);
        MDC.put("path", path);
        MDC.put("status", status);
        MDC.put("durationMs", String.valueOf(micros / 1000.0));
        try {
            if (LOG.isInfoEnabled()) {
                // As "%s %s %d %.1fms, request %s" formats it (half up, to a tenth), without java.util.Formatter.
                LOG.info(method + ' ' + path + ' ' + status + ' ' + tenths(micros) + "ms, request " + requestId);
            }
        } finally {
            MDC.remove("requestId");
            MDC.remove("instance");
            MDC.remove("method");
            MDC.remove("path");
            MDC.remove("status");
            MDC.remove("durationMs");
        }
    }

    /** Microseconds as milliseconds to a tenth, rounded half up: 1250 as "1.3", 49 as "0.0", 12345 as "12.3". */
    static String tenths(long micros) {
        long t = (micros + 50) / 100;
        return (t / 10) + "." + (t % 10);
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
