package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An image the model does not know. Rather than refuse it, the model runs it as the simplest server that makes a
 * learner's Service, probe and NetworkPolicy exercises work: a plain HTTP server on every {@code containerPort}
 * declared with protocol TCP, answering any path with {@code 200} and {@code Hello from <pod name>}. This is the
 * one case where {@code containerPort} decides listening, because nothing else is known; the first log line says so,
 * so a learner is never misled into thinking a real image behaves this way. Each request is logged as
 * {@code <client ip>:<port> "<request line>" 200}.
 */
record GenericHttpProcess(List<Integer> ports) implements Process {

    GenericHttpProcess {
        ports = List.copyOf(ports);
    }

    @Override
    public List<Listener> listeners() {
        return ports.stream().sorted().distinct()
                .map(p -> new Listener(p, Protocol.TCP, Listener.Kind.HTTP)).toList();
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        String declared = ports.isEmpty() ? "none (it declares no TCP containerPort, so it listens on nothing)"
                : ports.stream().sorted().distinct().map(p -> p + "/TCP").collect(Collectors.joining(", "));
        return List.of("minicluster: the image \"" + context.image() + "\" is not known to the simulator; it is "
                + "simulated as a generic HTTP server on its declared ports: " + declared);
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (!ports.contains(port)) {
            return Optional.empty();
        }
        log.add(conn.remoteAddr() + " \"" + request.method() + " " + request.target() + " HTTP/1.1\" 200");
        return Optional.of(Wire.goResponse(200, Map.of(), "Hello from " + context.podName() + "\n",
                conn.epochSecond()));
    }
}
