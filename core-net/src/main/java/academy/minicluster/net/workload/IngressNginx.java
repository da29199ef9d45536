package academy.minicluster.net.workload;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * nginx in the ingress-nginx controller pod ({@link IngressControllerProcess}'s proxy listeners): terminates TLS
 * with the certificate of the matching Ingress (or its fake one), picks the Ingress rule for the Host and path,
 * and proxies to the backend Service's endpoints directly
 * (not through the ClusterIP), round-robin, from its own pod IP — so NetworkPolicies see the controller as the
 * client. Its answers when things go wrong are nginx's: 404 (no rule), 503 (no endpoints), 502 (refused),
 * 504 (no answer). Its routes are what the controller compiled from the Ingresses
 * ({@link Surroundings#ingressRoutes()}); its upstream leg starts from its own pod ({@link Surroundings#network()}).
 */
final class IngressNginx {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Surroundings around;
    private final int port;

    IngressNginx(Surroundings around, int port) {
        this.around = around;
        this.port = port;
    }

    HttpResponse http(ProxiedRequest exchange) {
        HttpRequest request = exchange.request();
        ConnectionInfo peer = exchange.conn();
        boolean tls = exchange.tls();
        Trace hops = exchange.trace();
        long now = peer.epochSecond();
        if (port == 443 && !tls) {
            return page(ErrorPage.PLAIN_HTTP_TO_HTTPS_PORT, exchange,
                    "ingress-nginx: a plain HTTP request reached the HTTPS port 443");
        }
        IngressRoute route = around.ingressRoutes().route(request, tls);
        hops.addAll(route.hops());
        if (route instanceof IngressRoute.NotFound nf) {
            return dated(nf.response(), now);
        }
        if (route instanceof IngressRoute.Redirect r) {
            return dated(r.response(), now);
        }
        if (route instanceof IngressRoute.Answered a) {
            return dated(a.response(), now);
        }
        IngressRoute.Routed routed = (IngressRoute.Routed) route;
        ObjectRef serviceRef = new ObjectRef("Service", routed.namespace(), routed.serviceName());
        List<ServicePortRules> rules = around.services().rulesOf(serviceRef);
        ServicePortRules portRules = null;
        for (ServicePortRules r : rules) {
            if (routed.servicePortName() != null ? routed.servicePortName().equals(r.port().getName())
                    : r.port().getPort() == routed.servicePortNumber()) {
                portRules = r;
            }
        }
        if (rules.isEmpty()) {
            return page(ErrorPage.SERVICE_UNAVAILABLE, exchange, "ingress-nginx: Service "
                    + routed.namespace() + "/" + routed.serviceName() + " does not exist (or is headless/ExternalName): "
                    + "503", ObjectRef.of(routed.ingress()));
        }
        if (portRules == null) {
            return page(ErrorPage.SERVICE_UNAVAILABLE, exchange, "ingress-nginx: Service "
                    + routed.namespace() + "/" + routed.serviceName() + " has no port " + routed.servicePort()
                    + ": 503", serviceRef, ObjectRef.of(routed.ingress()));
        }
        List<ServiceEndpoint> endpoints = portRules.usable(null);
        if (endpoints.isEmpty()) {
            return page(ErrorPage.SERVICE_UNAVAILABLE, exchange, "ingress-nginx: upstream "
                    + portRules.name() + " has no ready endpoints: 503", serviceRef);
        }
        ServiceEndpoint chosen = endpoints.get(around.nextUpstreamIndex(portRules.name(), endpoints.size()));
        hops.add(Hop.pass(Hop.Stage.INGRESS, "ingress-nginx proxies to endpoint " + chosen.describe() + " of Service "
                + routed.namespace() + "/" + routed.serviceName() + " (round-robin, " + (endpoints.indexOf(chosen) + 1)
                + " of " + endpoints.size() + "), from its own pod IP " + around.pod().getStatus().getPodIP(),
                serviceRef, chosen.slice()));
        Connection upstream = around.network().connect(chosen.ip(), chosen.port(), Protocol.TCP);
        hops.addAll(UpstreamLeg.walked(upstream));
        if (upstream.outcome() == Connection.Outcome.REFUSED) {
            return page(ErrorPage.BAD_GATEWAY, exchange, "ingress-nginx: connect() to " + chosen.address()
                    + " failed (111: Connection refused): 502", serviceRef);
        }
        if (upstream.outcome() != Connection.Outcome.ESTABLISHED) {
            return page(ErrorPage.GATEWAY_TIMEOUT, exchange, "ingress-nginx: upstream " + chosen.address()
                    + " timed out (110: Connection timed out): 504", serviceRef);
        }
        HttpRequest forwarded = forwarded(request, peer, tls, routed.upstreamTarget());
        Optional<HttpResponse> response = UpstreamLeg.exchange(upstream, forwarded, hops);
        if (response.isEmpty()) {
            return page(ErrorPage.BAD_GATEWAY, exchange, "ingress-nginx: upstream " + chosen.address()
                    + " closed the connection without an HTTP response: 502", serviceRef);
        }
        return response.get();
    }

    /** The request as ingress-nginx passes it upstream, with its X-Forwarded-* headers. */
    private HttpRequest forwarded(HttpRequest request, ConnectionInfo peer, boolean tls, String target) {
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

    private static String requestId(HttpRequest request, ConnectionInfo peer) {
        long h = RequestIds.hash(request, peer);
        return RequestIds.hex16(h) + RequestIds.hex16(Long.reverse(h));
    }

    /** TLS on 443 with the certificate of the Ingress for the SNI (or the fake one); empty on the plain ports. */
    Optional<TlsHandshake> tls(TlsHello hello) {
        if (port != 443) {
            return Optional.empty();
        }
        TlsCertificate cert = around.ingressRoutes().certificateFor(hello.sni() == null ? "" : hello.sni());
        hello.trace().addAll(cert.hops());
        return Optional.of(cert.handshake(hello.decrypted()));
    }

    /** The error pages nginx writes itself, with their status and title. */
    private enum ErrorPage {
        PLAIN_HTTP_TO_HTTPS_PORT(400, "The plain HTTP request was sent to HTTPS port"),
        BAD_GATEWAY(502, "Bad Gateway"),
        SERVICE_UNAVAILABLE(503, "Service Temporarily Unavailable"),
        GATEWAY_TIMEOUT(504, "Gateway Time-out");

        final int status;
        final String title;

        ErrorPage(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    private HttpResponse page(ErrorPage page, ProxiedRequest exchange, String why, ObjectRef... decidedBy) {
        int status = page.status;
        String title = page.title;
        Trace hops = exchange.trace();
        hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, why, decidedBy));
        String head = status + " " + title;
        String body = "<html>\r\n<head><title>" + head + "</title></head>\r\n<body>\r\n<center><h1>" + head
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new HttpResponse(status, title, headers("text/html", body.length(), exchange.conn().epochSecond()), body);
    }

    private static Map<String, String> headers(String type, int length, long now) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Date", HTTP_DATE.format(Instant.ofEpochSecond(now)));
        h.put("Content-Type", type);
        h.put("Content-Length", String.valueOf(length));
        h.put("Connection", "keep-alive");
        return h;
    }

    private static HttpResponse dated(HttpResponse r, long now) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Date", HTTP_DATE.format(Instant.ofEpochSecond(now)));
        h.putAll(r.headers());
        h.putIfAbsent("Connection", "keep-alive");
        return new HttpResponse(r.status(), r.reason(), h, r.body());
    }
}
