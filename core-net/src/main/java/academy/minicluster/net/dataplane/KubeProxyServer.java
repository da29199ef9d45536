package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import io.fabric8.kubernetes.api.model.Node;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * kube-proxy's own HTTP servers on a node ({@code cmd/kube-proxy/app/server.go}, {@code pkg/proxy/healthcheck}):
 * <ul>
 *   <li>the metrics server on {@value #METRICS_PORT} (bound to 127.0.0.1, so reached from the node itself):
 *       {@code /proxyMode} answers the mode ({@code iptables}, {@code ipvs} or {@code nftables}), as "Using Source
 *       IP" reads it with {@code curl http://localhost:10249/proxyMode};</li>
 *   <li>the health server on {@value #HEALTHZ_PORT} (every address): {@code /healthz}
 *       ({@code {"lastUpdated": ...,"currentTime": ..., "nodeEligible": true}}) and {@code /livez}, 200 while the
 *       proxy is in sync, which in the model it always is.</li>
 * </ul>
 * Times print as Go prints a {@code time.Time} with {@code %q}: wall clock, then the monotonic reading since
 * kube-proxy started (the node's creation). Other paths answer Go's ServeMux {@code 404 page not found}.
 */
final class KubeProxyServer implements Server {

    static final int METRICS_PORT = 10249;
    static final int HEALTHZ_PORT = 10256;

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Node node;
    private final int port;
    private final ClusterProfile.ProxyMode mode;
    private final SimulatedClock clock;

    KubeProxyServer(Node node, int port, ClusterProfile.ProxyMode mode, SimulatedClock clock) {
        this.node = node;
        this.port = port;
        this.mode = mode;
        this.clock = clock;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        String path = request.path();
        String node = this.node.getMetadata().getName();
        if (port == METRICS_PORT && path.equals("/proxyMode")) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-proxy on node " + node + " runs in " + mode() + " mode",
                    ObjectRef.of(this.node)));
            return Optional.of(response(200, "text/plain; charset=utf-8", Map.of(), mode()));
        }
        if (port == HEALTHZ_PORT && (path.equals("/healthz") || path.equals("/livez"))) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-proxy on node " + node + " is healthy (rules in sync)",
                    ObjectRef.of(this.node)));
            String now = goTime();
            String body = "{\"lastUpdated\": \"" + now + "\",\"currentTime\": \"" + now + "\""
                    + (path.equals("/healthz") ? ", \"nodeEligible\": true}" : "}");
            return Optional.of(response(200, "application/json", Map.of("X-Content-Type-Options", "nosniff"), body));
        }
        return Optional.of(response(404, "text/plain; charset=utf-8", Map.of("X-Content-Type-Options", "nosniff"),
                "404 page not found\n"));
    }

    private String mode() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** {@code time.Now()} as {@code %q} prints it: {@code 2026-01-01 09:05:00 +0000 UTC m=+300.000000001}. */
    private String goTime() {
        long now = clock.epochSecond();
        long started = SimulatedClock.epochSecondOf(node.getMetadata().getCreationTimestamp());
        return GO_TIME.format(java.time.Instant.ofEpochSecond(now)) + " +0000 UTC m=+" + Math.max(0, now - started)
                + ".000000001";
    }

    /** Go's net/http: the handler's headers, then Date and Content-Length. */
    private HttpResponse response(int status, String contentType, Map<String, String> extra, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extra);
        headers.put("Date", DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochSecond(clock.epochSecond())));
        headers.put("Content-Length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        return HttpResponse.of(status, headers, body);
    }
}
