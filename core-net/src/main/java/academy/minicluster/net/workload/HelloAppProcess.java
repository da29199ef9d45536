package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GKE's hello-app ({@code quickstarts/hello-app/main.go} in GoogleCloudPlatform/kubernetes-engine-samples), the
 * image of the kubernetes.io Ingress tutorial ("Set up Ingress on Minikube with the NGINX Ingress Controller"):
 * it listens on {@code $PORT} (the image sets 8080) and answers every path with
 * <pre>
 * Hello, world!
 * Version: 1.0.0
 * Hostname: web-7d4b9c-x2x7k
 * </pre>
 * logging {@code Serving request: /path} for each. The tag {@code 2.0} is the same program built with
 * {@code Version: 2.0.0}, which the tutorial deploys as the second backend.
 *
 * @param port the port of {@code $PORT}
 */
record HelloAppProcess(int port) implements Process {

    /** {@code log.Fatal(http.ListenAndServe(":"+port, mux))}: a bad {@code $PORT} ends it at once. */
    static Process fromEnvironment(Map<String, String> environment) {
        String text = environment.getOrDefault("PORT", "");
        if (text.isEmpty()) {
            text = "8080";
        }
        Integer port = Flags.integer(text);
        if (port == null || port < 1 || port > 65535) {
            return ExitedProcess.exited(1, "Server listening on port " + text,
                    "listen tcp: lookup tcp/" + text + ": unknown port");
        }
        return new HelloAppProcess(port);
    }

    /** {@code 1.0.0} for the tags {@code 1.0} and {@code latest}, {@code 2.0.0} for {@code 2.0}. */
    static String version(String image) {
        String tag = ImageKind.tag(image);
        return tag.startsWith("2") ? "2.0.0" : "1.0.0";
    }

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(port, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of(context.goLog("Server listening on port " + port));
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port != this.port) {
            return Optional.empty();
        }
        log.add(Wire.goLog(conn.epochSecond(), "Serving request: " + request.path()));
        String body = "Hello, world!\nVersion: " + version(context.image()) + "\nHostname: " + context.hostname() + "\n";
        return Optional.of(Wire.goResponse(200, Map.of(), body, conn.epochSecond()));
    }
}
