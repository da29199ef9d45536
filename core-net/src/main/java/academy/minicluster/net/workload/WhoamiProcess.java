package academy.minicluster.net.workload;

import academy.minicluster.net.api.GoValue;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * traefik/whoami ({@code app.go}): on {@code --port} (default 80, or {@code WHOAMI_PORT_NUMBER}) any path answers
 * {@code Name:} (with {@code --name}/{@code WHOAMI_NAME}), {@code Hostname:}, one {@code IP:} line per address of
 * each interface ({@code lo}: 127.0.0.1, then {@code eth0}: the pod IP; IPv6 addresses are left out of this
 * IPv4-only cluster), {@code RemoteAddr:} as the server sees it, then the request as Go's {@code Request.Write}
 * prints it (request line, {@code Host}, {@code User-Agent}, the other headers sorted, CRLF line ends). {@code /api}
 * answers the same as JSON; {@code /health} answers 200 with no body. It logs a request only with
 * {@code --verbose}.
 */
record WhoamiProcess(int port, String name, boolean verbose) implements Process {

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener(port, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of(context.goLog("Starting up on port " + port));
    }

    private static List<String> ips(ProcessContext context) {
        return context.podIp().isEmpty() ? List.of("127.0.0.1") : List.of("127.0.0.1", context.podIp());
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port != this.port) {
            return Optional.empty();
        }
        long now = conn.epochSecond();
        HttpResponse response = switch (request.path()) {
            case "/health" -> Wire.goResponse(200, Map.of(), "", now);
            case "/api" -> Wire.goResponse(200, Map.of("Content-Type", "application/json",
                    "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Origin", "*"), api(request, conn, context),
                    now);
            default -> Wire.goResponse(200, Map.of(), whoami(request, conn, context), now);
        };
        if (verbose) {
            log.add(Wire.goLog(now, conn.remoteAddr() + " - - [" + Wire.nginxTimeLocal(now) + "] \""
                    + request.method() + " " + request.path() + " HTTP/1.1\" - -"));
        }
        return Optional.of(response);
    }

    private String whoami(HttpRequest request, ConnectionInfo conn, ProcessContext context) {
        // Sized for the usual answer (about 400 characters through the ingress) to spare the builder's regrowths.
        StringBuilder out = new StringBuilder(512 + request.body().length());
        if (!name.isEmpty()) {
            out.append("Name: ").append(name).append('\n');
        }
        out.append("Hostname: ").append(context.hostname()).append('\n');
        for (String ip : ips(context)) {
            out.append("IP: ").append(ip).append('\n');
        }
        out.append("RemoteAddr: ").append(conn.remoteAddr()).append('\n');
        out.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        out.append("Host: ").append(Wire.host(request)).append("\r\n");
        String userAgent = request.header("User-Agent");
        out.append("User-Agent: ").append(userAgent == null ? "Go-http-client/1.1" : userAgent).append("\r\n");
        if (!request.body().isEmpty()) {
            out.append("Content-Length: ").append(Wire.utf8Length(request.body())).append("\r\n");
        }
        Wire.goRequestHeaders(request).forEach((k, v) -> {
            if (!k.equals("User-Agent") && !k.equals("Content-Length") && !k.equals("Transfer-Encoding")
                    && !k.equals("Trailer")) {
                out.append(k).append(": ").append(v).append("\r\n");
            }
        });
        out.append("\r\n").append(request.body());
        return out.toString();
    }

    private String api(HttpRequest request, ConnectionInfo conn, ProcessContext context) {
        StringBuilder out = new StringBuilder("{\"hostname\":").append(GoValue.jsonString(context.hostname()));
        out.append(",\"ip\":[");
        List<String> ips = ips(context);
        for (int i = 0; i < ips.size(); i++) {
            out.append(i == 0 ? "" : ",").append(GoValue.jsonString(ips.get(i)));
        }
        out.append("]");
        String headers = Wire.goHeaderJson(request);
        if (!headers.equals("{}")) {
            out.append(",\"headers\":").append(headers);
        }
        out.append(",\"url\":").append(GoValue.jsonString(request.target()));
        if (!Wire.host(request).isEmpty()) {
            out.append(",\"host\":").append(GoValue.jsonString(Wire.host(request)));
        }
        out.append(",\"method\":").append(GoValue.jsonString(request.method()));
        if (!name.isEmpty()) {
            out.append(",\"name\":").append(GoValue.jsonString(name));
        }
        out.append(",\"remoteAddr\":").append(GoValue.jsonString(conn.remoteAddr()));
        return out.append("}\n").toString();
    }
}
