package academy.minicluster.net.workload;

import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingress-nginx controller: nginx on 80 (HTTP), 443 (HTTPS) and, as the model stands, the admission webhook's
 * 8443, routing and proxying from the Ingresses the controller compiled ({@link IngressNginx}); the controller's own
 * {@code /healthz} on 10254, which its Deployment's probes use.
 */
record IngressControllerProcess() implements Process {

    /** The same sockets for every controller pod: made once (every connection to the pod asks for them). */
    private static final List<Listener> LISTENERS = List.of(
            new Listener(80, Protocol.TCP, Listener.Kind.INGRESS_CONTROLLER),
            new Listener(443, Protocol.TCP, Listener.Kind.INGRESS_CONTROLLER),
            new Listener(8443, Protocol.TCP, Listener.Kind.INGRESS_CONTROLLER),
            new Listener(10254, Protocol.TCP, Listener.Kind.HTTP));

    @Override
    public List<Listener> listeners() {
        return LISTENERS;
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of("-------------------------------------------------------------------------------",
                "NGINX Ingress controller",
                "  Release:       v1.12.1",
                "  Repository:    https://github.com/kubernetes/ingress-nginx",
                "  nginx version: nginx/1.25.5",
                "",
                "-------------------------------------------------------------------------------");
    }

    @Override
    public Optional<HttpResponse> proxy(ProxiedRequest request, Surroundings around) {
        return Optional.of(new IngressNginx(around, request.conn().serverPort()).http(request));
    }

    @Override
    public Optional<TlsHandshake> handshake(TlsHello hello, Surroundings around) {
        return new IngressNginx(around, hello.conn().serverPort()).tls(hello);
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port == 10254 && request.path().equals("/healthz")) {
            return Optional.of(Wire.goResponse(200, Map.of(), "ok", conn.epochSecond()));
        }
        if (port == 10254) {
            // The controller's own Go HTTP server: a path it does not serve is its mux's 404.
            return Optional.of(Wire.goResponse(404, Map.of("X-Content-Type-Options", "nosniff",
                    "Content-Type", "text/plain; charset=utf-8"), "404 page not found\n", conn.epochSecond()));
        }
        return Optional.empty();
    }
}
