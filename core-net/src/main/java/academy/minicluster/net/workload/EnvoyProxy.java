package academy.minicluster.net.workload;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.dataplane.gateway.EnvoyPorts;
import academy.minicluster.net.dataplane.gateway.GatewayFilters;
import academy.minicluster.net.dataplane.gateway.GatewayRoute;
import academy.minicluster.net.dataplane.gateway.GatewayRouter;
import academy.minicluster.net.dataplane.ingress.TlsCertificate;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.dataplane.proxy.ServiceEndpoint;
import academy.minicluster.net.dataplane.proxy.ServicePortRules;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.Grpc;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Envoy proxy of one Gateway (a pod of Envoy Gateway's {@code envoy-NAMESPACE-NAME-HASH} Deployment): it takes
 * the request on a listener's port, lets {@link GatewayRouter} pick the HTTPRoute rule, applies the rule's filters
 * ({@link GatewayFilters}), chooses a backendRef by weight and proxies to one of that Service's endpoints directly
 * (not through the ClusterIP), from its own pod IP. Its own answers are Envoy's: 404 with an empty body when no
 * route matches, 500 when the chosen backend cannot be resolved (or every weight is 0), 503
 * {@code no healthy upstream} when the Service has no ready endpoint, 503 {@code upstream connect error ...} when
 * the endpoint refuses or does not answer. Its routes are what Envoy Gateway compiled from the Gateway API objects
 * ({@link Surroundings#gatewayRoutes()}); its upstream leg starts from its own pod ({@link Surroundings#network()}).
 */
final class EnvoyProxy {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Surroundings around;
    /** The container port the connection reached: which of the Gateway's listeners it is. */
    private final int containerPort;
    /** The simulated time of the connection, in epoch seconds (the Date of Envoy's own answers). */
    private final long now;

    EnvoyProxy(Surroundings around, ConnectionInfo conn) {
        this.around = around;
        this.containerPort = conn.serverPort();
        this.now = conn.epochSecond();
    }

    Optional<HttpResponse> http(ProxiedRequest exchange) {
        HttpRequest request = exchange.request();
        ConnectionInfo peer = exchange.conn();
        boolean tls = exchange.tls();
        Trace hops = exchange.trace();
        Gateway gateway = gateway();
        if (gateway == null) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy " + around.pod().getMetadata().getName()
                    + " serves no Gateway any more: the connection is reset"));
            return Optional.empty();
        }
        int port = -1;
        boolean https = false;
        for (Listener l : GatewayRouter.list(gateway.getSpec().getListeners())) {
            if (l.getPort() != null && EnvoyPorts.containerPort(l.getPort()) == containerPort) {
                port = l.getPort();
                https |= "HTTPS".equals(l.getProtocol());
            }
        }
        if (https && !tls) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: a plain HTTP request reached the HTTPS listener "
                    + "port " + port + " of Gateway " + ObjectRef.of(gateway) + ", which expects a TLS handshake: "
                    + "the connection is closed", ObjectRef.of(gateway)));
            return Optional.empty();
        }
        ObjectRef gatewayRef = ObjectRef.of(gateway);
        GatewayRoute route = around.gatewayRoutes().route(gateway, port, request);
        hops.addAll(route.hops());
        if (route instanceof GatewayRoute.NotFound) {
            return Optional.of(envoy(request, hops, new LocalReply(404, "", Map.of())));
        }
        GatewayRoute.Matched matched = (GatewayRoute.Matched) route;
        GatewayFilters.Outcome filtered = GatewayFilters.apply(matched.rule().getFilters(), matched.match(), request,
                new GatewayFilters.Entry(tls ? "https" : "http", port));
        if (filtered.redirect() != null) {
            hops.add(Hop.pass(Hop.Stage.INGRESS, matched.why() + "; RequestRedirect: "
                    + filtered.redirectStatus() + " to " + filtered.redirect(), matched.decidedBy().toArray(ObjectRef[]::new)));
            return Optional.of(envoy(request, hops,
                    new LocalReply(filtered.redirectStatus(), "", Map.of("location", filtered.redirect()))));
        }
        List<GatewayRouter.BackendChoice> backends = matched.backends();
        int total = 0;
        for (GatewayRouter.BackendChoice b : backends) {
            total += b.weight();
        }
        if (total == 0) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, matched.why() + (backends.isEmpty()
                    ? "; the rule has no backendRefs" : "; every backendRef has weight 0") + ": envoy answers 500",
                    matched.decidedBy().toArray(ObjectRef[]::new)));
            return Optional.of(envoy(request, hops, new LocalReply(500, "", Map.of())));
        }
        int draw = around.weightedDraw(total);
        GatewayRouter.BackendChoice chosen = null;
        for (GatewayRouter.BackendChoice b : backends) {
            draw -= b.weight();
            if (draw < 0) {
                chosen = b;
                break;
            }
        }
        String weightText = backends.size() > 1 ? ", weight " + chosen.weight() + " of " + total : "";
        String target = chosen.namespace() + "/" + chosen.ref().getName();
        if (!chosen.resolved()) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, matched.why() + weightText + " -> backendRef "
                    + target + ", which does not resolve (" + problem(chosen) + "): envoy answers 500",
                    matched.decidedBy().toArray(ObjectRef[]::new)));
            return Optional.of(envoy(request, hops, new LocalReply(500, "", Map.of())));
        }
        ObjectRef serviceRef = new ObjectRef("Service", chosen.namespace(), chosen.ref().getName());
        List<ObjectRef> decided = new ArrayList<>(matched.decidedBy());
        decided.add(serviceRef);
        hops.add(Hop.pass(Hop.Stage.INGRESS, matched.why() + weightText + " -> Service " + target + " port "
                + chosen.ref().getPort() + filtered.describe(), decided.toArray(ObjectRef[]::new)));
        ServicePortRules portRules = null;
        for (ServicePortRules r : around.services().upstreamsOf(serviceRef)) {
            if (chosen.ref().getPort() != null && r.port().getPort().equals(chosen.ref().getPort())) {
                portRules = r;
            }
        }
        List<ServiceEndpoint> endpoints = portRules == null ? List.of() : portRules.usable(null);
        if (endpoints.isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: Service " + target
                    + (portRules == null ? " has no port " + chosen.ref().getPort() : " has no ready endpoints")
                    + ": 503 no healthy upstream", serviceRef));
            return Optional.of(envoy(request, hops,
                    new LocalReply(503, "no healthy upstream", Map.of("content-type", "text/plain"))));
        }
        ServiceEndpoint endpoint = endpoints.get(around.nextUpstreamIndex("envoy/" + portRules.name(), endpoints.size()));
        hops.add(Hop.pass(Hop.Stage.INGRESS, "envoy proxies to endpoint " + endpoint.describe() + " of Service " + target
                + " (" + (endpoints.indexOf(endpoint) + 1) + " of " + endpoints.size() + "), from its own pod IP "
                + around.pod().getStatus().getPodIP(), serviceRef, endpoint.slice()));
        Connection upstream = around.network().connect(endpoint.ip(), endpoint.port(), Protocol.TCP);
        hops.addAll(UpstreamLeg.walked(upstream));
        if (upstream.outcome() != Connection.Outcome.ESTABLISHED) {
            String why = upstream.outcome() == Connection.Outcome.REFUSED ? "connection refused"
                    : "connection timeout";
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: upstream " + endpoint.address() + ": "
                    + why + ": 503", serviceRef));
            String body = "upstream connect error or disconnect/reset before headers. reset reason: " + why;
            return Optional.of(envoy(request, hops, new LocalReply(503, body, Map.of("content-type", "text/plain"))));
        }
        HttpRequest forwarded = forwarded(filtered.request(), chosen, peer, tls);
        Optional<HttpResponse> response = UpstreamLeg.exchange(upstream, forwarded, hops);
        if (response.isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: upstream " + endpoint.address()
                    + " closed the connection without an HTTP response: 503", serviceRef));
            return Optional.of(envoy(request, hops, new LocalReply(503, "upstream connect error or disconnect/reset "
                    + "before headers. reset reason: connection termination", Map.of("content-type", "text/plain"))));
        }
        HttpResponse r = response.get();
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Server")) {
                headers.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        headers.put("x-envoy-upstream-service-time", "0");
        headers.put("server", "envoy");
        Map<String, String> modified = GatewayFilters.responseHeaders(matched.rule().getFilters(), chosen.ref(), headers);
        return Optional.of(new HttpResponse(r.status(), r.reason(), modified, r.body()));
    }

    private static String problem(GatewayRouter.BackendChoice choice) {
        String p = choice.problem();
        return p.substring(0, p.indexOf(':')) + ": " + p.substring(p.indexOf(':') + 1);
    }

    /**
     * TLS on an HTTPS listener's port: the listener is chosen by SNI (an exact hostname, then the longest wildcard,
     * then one without hostname) and presents the first certificate of its {@code certificateRefs}. No listener for
     * the name, or a Secret that is missing or holds no certificate: Envoy has no filter chain for the handshake
     * and resets the connection.
     */
    TlsHandshake tls(TlsHello hello) {
        String sni = hello.sni();
        Connection decrypted = hello.decrypted();
        Trace hops = hello.trace();
        Gateway gateway = gateway();
        String host = sni == null ? "" : sni.toLowerCase(Locale.ROOT);
        Listener chosen = httpsListenerFor(gateway, host);
        if (chosen == null || chosen.getTls() == null || GatewayRouter.list(chosen.getTls().getCertificateRefs()).isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: no HTTPS listener on this port serves SNI "
                    + (host.isEmpty() ? "(none)" : host) + ": the TLS handshake is reset"));
            return TlsHandshake.failed("OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to " + host + ":443 ");
        }
        var ref = chosen.getTls().getCertificateRefs().get(0);
        String namespace = ref.getNamespace() == null ? gateway.getMetadata().getNamespace() : ref.getNamespace();
        ObjectRef secretRef = new ObjectRef("Secret", namespace, ref.getName());
        Optional<TlsCertificate> cert = namespace.equals(gateway.getMetadata().getNamespace())
                || GatewayRouter.referencePermitted(around.referenceGrants(),
                new GatewayRouter.Reference("Gateway", gateway.getMetadata().getNamespace(), secretRef))
                ? around.secretCertificate(namespace, ref.getName()) : Optional.empty();
        if (cert.isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: listener " + chosen.getName() + " of Gateway "
                    + ObjectRef.of(gateway) + " has no usable certificate (Secret " + namespace + "/" + ref.getName()
                    + " missing, without tls.crt and tls.key, or in another namespace without a ReferenceGrant): the TLS "
                    + "handshake is reset", secretRef));
            return TlsHandshake.failed("OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to " + host + ":443 ");
        }
        hops.add(Hop.pass(Hop.Stage.INGRESS, "envoy: SNI " + (host.isEmpty() ? "(none)" : host) + " -> listener "
                + chosen.getName() + " of Gateway " + gateway.getMetadata().getNamespace() + "/"
                + gateway.getMetadata().getName() + ", certificate of Secret " + namespace + "/" + ref.getName()
                + " (TLS terminated at the Gateway)", ObjectRef.of(gateway), secretRef));
        return cert.get().handshake(misdirectionGuard(decrypted, gateway, chosen, hops));
    }

    /** The HTTPS listener on this port for a name: an exact hostname, then the longest wildcard, then none. */
    private Listener httpsListenerFor(Gateway gateway, String host) {
        Listener chosen = null;
        for (Listener l : gateway == null ? List.<Listener>of() : GatewayRouter.list(gateway.getSpec().getListeners())) {
            if (l.getPort() == null || EnvoyPorts.containerPort(l.getPort()) != containerPort
                    || !"HTTPS".equals(l.getProtocol()) || !GatewayRouter.hostMatches(l.getHostname(), host)) {
                continue;
            }
            if (chosen == null || GatewayRouter.specificity(l.getHostname()) > GatewayRouter.specificity(chosen.getHostname())) {
                chosen = l;
            }
        }
        return chosen;
    }

    /**
     * The decrypted stream of a connection whose SNI chose {@code sniListener}: a request whose Host belongs to
     * another HTTPS listener (or to none) was misdirected, and Envoy answers 421 rather than serve it under a
     * certificate that is not its own (an HTTP/2 client reuses connections across hosts the certificate covers;
     * HTTPRouteHTTPSListenerDetectMisdirectedRequests).
     */
    private Connection misdirectionGuard(Connection decrypted, Gateway gateway, Listener sniListener, Trace hops) {
        return new Connection() {
            @Override
            public Outcome outcome() {
                return decrypted.outcome();
            }

            @Override
            public List<Hop> hops() {
                return decrypted.hops();
            }

            @Override
            public String remoteAddress() {
                return decrypted.remoteAddress();
            }

            @Override
            public String localAddress() {
                return decrypted.localAddress();
            }

            @Override
            public Optional<HttpResponse> http(HttpRequest request) {
                String host = request.hostWithoutPort();
                Listener hostListener = httpsListenerFor(gateway, host);
                if (hostListener == null || !hostListener.getName().equals(sniListener.getName())) {
                    hops.add(Hop.stop(Hop.Stage.INGRESS, Hop.Verdict.ERROR, "envoy: Host " + host + " belongs to "
                            + (hostListener == null ? "no HTTPS listener" : "listener " + hostListener.getName())
                            + ", but the TLS handshake (SNI) chose listener " + sniListener.getName()
                            + ": 421 Misdirected Request", ObjectRef.of(gateway)));
                    return Optional.of(envoy(request, hops, new LocalReply(421, "", Map.of())));
                }
                return decrypted.http(request);
            }

            @Override
            public TlsHandshake startTls(String serverName) {
                return decrypted.startTls(serverName);
            }

            @Override
            public Optional<String> datagram(String payload) {
                return decrypted.datagram(payload);
            }
        };
    }

    /** The Gateway this proxy serves, by its pod's owning-gateway labels; null when it is gone. */
    private Gateway gateway() {
        Map<String, String> labels = around.pod().getMetadata().getLabels();
        String name = labels == null ? null : labels.get(GatewayRouter.OWNING_GATEWAY_NAME);
        String namespace = labels == null ? null : labels.get(GatewayRouter.OWNING_GATEWAY_NAMESPACE);
        return name == null ? null : around.gateway(namespace, name).orElse(null);
    }

    /** The request as Envoy passes it upstream: backendRef filters applied, with Envoy's forwarding headers. */
    private HttpRequest forwarded(HttpRequest request, GatewayRouter.BackendChoice chosen, ConnectionInfo peer, boolean tls) {
        HttpRequest filtered = GatewayFilters.backendRequest(chosen.ref(), request);
        Map<String, String> headers = new LinkedHashMap<>(filtered.headers());
        String xff = null;
        for (Map.Entry<String, String> h : filtered.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("X-Forwarded-For")) {
                xff = h.getValue();
                headers.remove(h.getKey());
            }
        }
        headers.put("X-Forwarded-For", xff == null ? peer.clientIp() : xff + "," + peer.clientIp());
        headers.put("X-Forwarded-Proto", tls ? "https" : "http");
        headers.put("X-Envoy-External-Address", peer.clientIp());
        headers.put("X-Request-Id", requestId(request, peer));
        return new HttpRequest(filtered.method(), filtered.target(), headers, filtered.body());
    }

    /** A UUID-shaped id derived from the request and the client (Envoy draws a random one). */
    private static String requestId(HttpRequest request, ConnectionInfo peer) {
        long h = RequestIds.hash(request, peer);
        String hex = RequestIds.hex16(h) + RequestIds.hex16(Long.reverse(h));
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
                + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }

    /**
     * A response Envoy writes itself. To a gRPC call it answers as gRPC (Envoy's local replies to gRPC requests):
     * HTTP 200 with the status mapped by {@code httpToGrpcStatus} (404 Unimplemented, 503 Unavailable, 500 Unknown)
     * and the body as {@code grpc-message}.
     */
    private HttpResponse envoy(HttpRequest request, Trace hops, LocalReply reply) {
        int status = reply.status();
        String body = reply.body();
        if (Grpc.isGrpc(request)) {
            Grpc.Code code = Grpc.Code.fromHttp(status);
            hops.add(Hop.pass(Hop.Stage.INGRESS, "envoy: the request is gRPC (content-type application/grpc): its "
                    + status + " goes to the client as grpc-status " + code.number() + " (" + code.goName() + ")"));
            Map<String, String> h = new LinkedHashMap<>();
            h.put("date", HTTP_DATE.format(Instant.ofEpochSecond(now)));
            h.put("server", "envoy");
            return Grpc.response(code, body, "", h);
        }
        Map<String, String> h = new LinkedHashMap<>(reply.headers());
        h.put("content-length", String.valueOf(body.length()));
        h.put("date", HTTP_DATE.format(Instant.ofEpochSecond(now)));
        h.put("server", "envoy");
        return new HttpResponse(status, HttpResponse.reasonPhrase(status), h, body);
    }

    /** What Envoy answers by itself (no upstream): the status, the body, and headers beyond its own. */
    private record LocalReply(int status, String body, Map<String, String> headers) {
    }
}
