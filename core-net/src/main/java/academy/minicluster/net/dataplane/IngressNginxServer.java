package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.dataplane.ingress.IngressRoute;
import academy.minicluster.net.dataplane.ingress.TlsCertificate;
import academy.minicluster.net.dataplane.proxy.ServiceEndpoint;
import academy.minicluster.net.dataplane.proxy.ServicePortRules;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ingress-nginx controller pod: terminates TLS with the certificate of the matching Ingress (or its fake
 * one), picks the Ingress rule for the Host and path, and proxies to the backend Service's endpoints directly
 * (not through the ClusterIP), round-robin, from its own pod IP — so NetworkPolicies see the controller as the
 * client. Its answers when things go wrong are nginx's: 404 (no rule), 503 (no endpoints), 502 (refused),
 * 504 (no answer).
 */
final class IngressNginxServer implements Server {

    /** The controller's own HTTP server ({@code /healthz}, metrics): served by its process, not by nginx. */
    static final int CONTROLLER_PORT = 10254;

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final DataPlane plane;
    private final Pod controller;
    private final String containerName;
    private final int port;

    IngressNginxServer(DataPlane plane, Pod controller, String containerName, int port) {
        this.plane = plane;
        this.controller = controller;
        this.containerName = containerName;
        this.port = port;
    }

    @Override
    public Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops) {
        if (port == 443 && !tls) {
            return Optional.of(page(400, "The plain HTTP request was sent to HTTPS port", hops,
                    "ingress-nginx: a plain HTTP request reached the HTTPS port 443"));
        }
        IngressRoute route = plane.ingressRouter().route(request, tls);
        hops.addAll(route.hops());
        if (route instanceof IngressRoute.NotFound nf) {
            return Optional.of(dated(nf.response()));
        }
        if (route instanceof IngressRoute.Redirect r) {
            return Optional.of(dated(r.response()));
        }
        if (route instanceof IngressRoute.Answered a) {
            return Optional.of(dated(a.response()));
        }
        IngressRoute.Routed routed = (IngressRoute.Routed) route;
        ObjectRef serviceRef = new ObjectRef("Service", routed.namespace(), routed.serviceName());
        List<ServicePortRules> rules = plane.services().rulesOf(serviceRef);
        ServicePortRules portRules = null;
        for (ServicePortRules r : rules) {
            if (routed.servicePortName() != null ? routed.servicePortName().equals(r.port().getName())
                    : r.port().getPort() == routed.servicePortNumber()) {
                portRules = r;
            }
        }
        if (rules.isEmpty()) {
            return Optional.of(page(503, "Service Temporarily Unavailable", hops, "ingress-nginx: Service "
                    + routed.namespace() + "/" + routed.serviceName() + " does not exist (or is headless/ExternalName): "
                    + "503", ObjectRef.of(routed.ingress())));
        }
        if (portRules == null) {
            return Optional.of(page(503, "Service Temporarily Unavailable", hops, "ingress-nginx: Service "
                    + routed.namespace() + "/" + routed.serviceName() + " has no port " + routed.servicePort()
                    + ": 503", serviceRef, ObjectRef.of(routed.ingress())));
        }
        List<ServiceEndpoint> endpoints = portRules.usable(null);
        if (endpoints.isEmpty()) {
            return Optional.of(page(503, "Service Temporarily Unavailable", hops, "ingress-nginx: upstream "
                    + portRules.name() + " has no ready endpoints: 503", serviceRef));
        }
        ServiceEndpoint chosen = endpoints.get(plane.nextUpstreamIndex(portRules.name(), endpoints.size()));
        hops.add(Hop.pass(Hop.Stage.INGRESS, "ingress-nginx proxies to endpoint " + chosen.describe() + " of Service "
                + routed.namespace() + "/" + routed.serviceName() + " (round-robin, " + (endpoints.indexOf(chosen) + 1)
                + " of " + endpoints.size() + "), from its own pod IP " + controller.getStatus().getPodIP(),
                serviceRef, chosen.slice()));
        Connection upstream = plane.fromPod(controller, containerName).connect(chosen.ip(), chosen.port(),
                Protocol.TCP);
        hops.addAll(UpstreamLeg.walked(upstream));
        if (upstream.outcome() == Connection.Outcome.REFUSED) {
            return Optional.of(page(502, "Bad Gateway", hops, "ingress-nginx: connect() to " + chosen.address()
                    + " failed (111: Connection refused): 502", serviceRef));
        }
        if (upstream.outcome() != Connection.Outcome.ESTABLISHED) {
            return Optional.of(page(504, "Gateway Time-out", hops, "ingress-nginx: upstream " + chosen.address()
                    + " timed out (110: Connection timed out): 504", serviceRef));
        }
        HttpRequest forwarded = forwarded(request, peer, tls, routed.upstreamTarget());
        Optional<HttpResponse> response = UpstreamLeg.exchange(upstream, forwarded, hops);
        if (response.isEmpty()) {
            return Optional.of(page(502, "Bad Gateway", hops, "ingress-nginx: upstream " + chosen.address()
                    + " closed the connection without an HTTP response: 502", serviceRef));
        }
        return response;
    }

    /** The request as ingress-nginx passes it upstream, with its X-Forwarded-* headers. */
    private HttpRequest forwarded(HttpRequest request, Peer peer, boolean tls, String target) {
        Map<String, String> headers = new LinkedHashMap<>();
        String host = request.header("Host");
        headers.put("Host", host == null ? "" : host);
        headers.put("X-Request-ID", requestId(request, peer));
        headers.put("X-Real-IP", peer.clientIp());
        headers.put("X-Forwarded-For", peer.clientIp());
        headers.put("X-Forwarded-Host", request.hostWithoutPort());
        headers.put("X-Forwarded-Port", String.valueOf(port));
        headers.put("X-Forwarded-Proto", tls ? "https" : "http");
        headers.put("X-Forwarded-Scheme", tls ? "https" : "http");
        headers.put("X-Scheme", tls ? "https" : "http");
        request.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host")) {
                headers.putIfAbsent(k, v);
            }
        });
        return new HttpRequest(request.method(), target, headers, request.body());
    }

    private static String requestId(HttpRequest request, Peer peer) {
        long h = RequestIds.hash(request, peer);
        return RequestIds.hex16(h) + RequestIds.hex16(Long.reverse(h));
    }

    @Override
    public TlsHandshake tls(String sni, Connection decrypted, Trace hops) {
        if (port != 443) {
            return Server.super.tls(sni, decrypted, hops);
        }
        TlsCertificate cert = plane.ingressRouter().certificateFor(sni == null ? "" : sni);
        hops.addAll(cert.hops());
        return cert.handshake(decrypted);
    }

    private HttpResponse page(int status, String title, Trace hops, String why, ObjectRef... decidedBy) {
        hops.add(Hop.stop(Hop.Stage.INGRESS, status == 400 ? Hop.Verdict.ERROR : Hop.Verdict.ERROR, why, decidedBy));
        String head = status + " " + title;
        String body = "<html>\r\n<head><title>" + head + "</title></head>\r\n<body>\r\n<center><h1>" + head
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new HttpResponse(status, title, headers("text/html", body.length()), body);
    }

    private Map<String, String> headers(String type, int length) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Date", HTTP_DATE.format(plane.clock().now()));
        h.put("Content-Type", type);
        h.put("Content-Length", String.valueOf(length));
        h.put("Connection", "keep-alive");
        return h;
    }

    private HttpResponse dated(HttpResponse r) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Date", HTTP_DATE.format(plane.clock().now()));
        h.putAll(r.headers());
        h.putIfAbsent("Connection", "keep-alive");
        return new HttpResponse(r.status(), r.reason(), h, r.body());
    }
}
