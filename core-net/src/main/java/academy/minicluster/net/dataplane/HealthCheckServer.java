package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.dataplane.proxy.ServicePortRules;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import io.fabric8.kubernetes.api.model.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-proxy's health-check server for a {@code externalTrafficPolicy: Local} LoadBalancer Service on one node:
 * 200 when the node has a ready local endpoint, 503 otherwise — how a cloud load balancer learns which nodes to
 * send traffic to ({@code pkg/proxy/healthcheck/service_health.go}).
 */
final class HealthCheckServer implements Server {

    private final DataPlane plane;
    private final Service service;
    private final String node;

    HealthCheckServer(DataPlane plane, Service service, String node) {
        this.plane = plane;
        this.service = service;
        this.node = node;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        int local = 0;
        for (ServicePortRules r : plane.services().rulesOf(ObjectRef.of(service))) {
            local = Math.max(local, r.usable(node).size());
        }
        int status = local > 0 ? 200 : 503;
        // service_health.go: a dedented, tab-indented JSON text, trimmed of its newlines.
        String body = "{\n\t\"service\": {\n\t\t\"namespace\": \"" + service.getMetadata().getNamespace()
                + "\",\n\t\t\"name\": \"" + service.getMetadata().getName() + "\"\n\t},\n\t\"localEndpoints\": " + local
                + ",\n\t\"serviceProxyHealthy\": true\n}";
        hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-proxy health check on node " + node + ": " + local
                + " local ready endpoint(s) -> " + status, ObjectRef.of(service)));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Load-Balancing-Endpoint-Weight", String.valueOf(local));
        h.put("Date", java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochSecond(plane.clock().epochSecond())));
        h.put("Content-Length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        return Optional.of(HttpResponse.of(status, h, body));
    }
}
