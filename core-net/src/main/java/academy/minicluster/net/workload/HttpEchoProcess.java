package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * hashicorp/http-echo 1.0: answers every path with {@code -text} and a newline, with status {@code -status-code}
 * (default 200) and its {@code X-App-Name}/{@code X-App-Version} headers; {@code /health} answers
 * {@code {"status":"ok"}}. Each request to a path other than {@code /health} is logged by its {@code httpLog}
 * wrapper: {@code <date> <Host> <RemoteAddr> "<method> <path> <proto>" <status> <bytes> "<user agent>" <duration>}.
 *
 * @param listenPort the port of {@code -listen} (default {@code :5678})
 * @param listen     the {@code -listen} value as given
 * @param text       the text to answer
 * @param statusCode the status to answer
 */
record HttpEchoProcess(int listenPort, String listen, String text, int statusCode) implements Process {

    static final String VERSION = "1.0.0";

    /** The handler's duration is not simulated; every request takes this long. */
    static final String DURATION = "45.1µs";

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(listenPort, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of(context.goLog("[INFO] server is listening on " + listen));
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port != listenPort) {
            return Optional.empty();
        }
        Map<String, String> appHeaders = Map.of("X-App-Name", "http-echo", "X-App-Version", VERSION);
        if (request.path().equals("/health")) {
            return Optional.of(Wire.goResponse(200, appHeaders, "{\"status\":\"ok\"}\n", conn.epochSecond()));
        }
        String body = text + "\n";
        String userAgent = request.header("User-Agent");
        log.add(Wire.goLog(conn.epochSecond(), Wire.host(request) + " " + conn.remoteAddr() + " \""
                + request.method() + " " + request.path() + " HTTP/1.1\" " + statusCode + " "
                + Wire.utf8Length(body) + " \"" + (userAgent == null ? "" : userAgent) + "\" " + DURATION));
        return Optional.of(Wire.goResponse(statusCode, appHeaders, body, conn.epochSecond()));
    }
}
