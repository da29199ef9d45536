package academy.minicluster.net.workload;

import academy.minicluster.net.api.GoValue;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Gateway API conformance backend, {@code echo-basic} (kubernetes-sigs/gateway-api-conformance-images
 * {@code echo-basic/echo-basic.go}; /work/shared/design/echo-basic.md): plain HTTP on {@code HTTP_PORT} (3000), h2c on
 * {@code H2C_PORT} (3001), answering every request with a JSON echo of its path, host, method, protocol and headers
 * and the pod's namespace and name from the environment ({@code POD_NAME}, {@code NAMESPACE}, {@code SERVICE_NAME},
 * {@code INGRESS_NAME}). {@code /health} answers {@code OK}, {@code /status/NNN} answers that status. The HTTPS port
 * runs only with {@code TLS_SERVER_CERT} and {@code TLS_SERVER_PRIVKEY}, which the model does not simulate (it logs
 * nothing about them). {@code /retry/}, {@code /ws} and {@code ?delay=} are not simulated beyond the echo.
 */
record EchoBasicProcess(int httpPort, int h2cPort, String httpPortText, Map<String, String> identity)
        implements Process {

    static EchoBasicProcess of(Map<String, String> environment) {
        String http = environment.getOrDefault("HTTP_PORT", "");
        String h2c = environment.getOrDefault("H2C_PORT", "");
        Integer httpPort = Flags.integer(http.isEmpty() ? "3000" : http);
        Integer h2cPort = Flags.integer(h2c.isEmpty() ? "3001" : h2c);
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("namespace", environment.getOrDefault("NAMESPACE", ""));
        identity.put("ingress", environment.getOrDefault("INGRESS_NAME", ""));
        identity.put("service", environment.getOrDefault("SERVICE_NAME", ""));
        identity.put("pod", environment.getOrDefault("POD_NAME", ""));
        return new EchoBasicProcess(httpPort == null ? 3000 : httpPort, h2cPort == null ? 3001 : h2cPort,
                http.isEmpty() ? "3000" : http, identity);
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        listeners.add(new Listener(httpPort, Protocol.TCP, Listener.Kind.HTTP));
        if (h2cPort != httpPort) {
            listeners.add(new Listener(h2cPort, Protocol.TCP, Listener.Kind.HTTP));
        }
        listeners.sort(null);
        return listeners;
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return List.of("Starting server, listening on port " + httpPort + " (http)",
                "Starting server, listening on port " + h2cPort + " (h2c)");
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        long now = conn.epochSecond();
        if (port == h2cPort && port != httpPort) {
            // A plain HTTP/1.1 request without Upgrade: h2c on the h2c port.
            return Optional.of(Wire.goResponse(400, Map.of(), "Expected h2c request", now));
        }
        if (port != httpPort) {
            return Optional.empty();
        }
        String path = request.path().replace("//", "/");
        if (path.equals("/health")) {
            return Optional.of(Wire.goResponse(200, Map.of(), "OK", now));
        }
        if (path.startsWith("/status/")) {
            String code = request.target().substring("/status/".length());
            if (code.length() == 3 && code.chars().allMatch(Character::isDigit) && request.path().equals(request.target())) {
                int status = Integer.parseInt(code);
                // Below 100 Go aborts the answer: the connection closes with no response.
                return status < 100 ? Optional.empty() : Optional.of(Wire.goResponse(status, Map.of(), "", now));
            }
            return Optional.of(Wire.goResponse(400, Map.of(), "", now));
        }
        if (path.equals("/status") || path.equals("/retry")) {
            String query = request.query().isEmpty() ? "" : "?" + request.query();
            Map<String, String> headers = new TreeMap<>();
            headers.put("Location", path + "/" + query);
            return Optional.of(Wire.goResponse(301, headers, "", now));
        }
        log.add("Echoing back request made to " + request.target() + " to client (" + conn.remoteAddr() + ")");
        Map<String, String> headers = new LinkedHashMap<>();
        String echoSet = request.header("X-Echo-Set-Header");
        if (echoSet != null) {
            for (String item : echoSet.split(",")) {
                String trimmed = item.trim();
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = trimmed.substring(0, colon);
                String value = trimmed.substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        headers.put("Content-Type", "application/json");
        headers.put("X-Content-Type-Options", "nosniff");
        return Optional.of(Wire.goResponse(200, headers, echo(request), now));
    }

    /** {@code json.MarshalIndent(answer, "", " ")}: one-space indentation, keys in the struct's order. */
    private String echo(HttpRequest request) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\n \"path\": ").append(GoValue.jsonString(request.target()));
        out.append(",\n \"host\": ").append(GoValue.jsonString(Wire.host(request)));
        out.append(",\n \"method\": ").append(GoValue.jsonString(request.method()));
        out.append(",\n \"proto\": \"HTTP/1.1\"");
        TreeMap<String, String> headers = Wire.goRequestHeaders(request);
        if (headers.isEmpty()) {
            out.append(",\n \"headers\": {}");
        } else {
            out.append(",\n \"headers\": {");
            boolean first = true;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                out.append(first ? "\n" : ",\n").append("  ").append(GoValue.jsonString(h.getKey())).append(": [\n   ")
                        .append(GoValue.jsonString(h.getValue())).append("\n  ]");
                first = false;
            }
            out.append("\n }");
        }
        out.append(",\n \"httpPort\": ").append(GoValue.jsonString(httpPortText));
        for (Map.Entry<String, String> e : identity.entrySet()) {
            out.append(",\n \"").append(e.getKey()).append("\": ").append(GoValue.jsonString(e.getValue()));
        }
        return out.append("\n}").toString();
    }
}
