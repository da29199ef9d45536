package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code agnhost netexec} ({@code test/images/agnhost/netexec/netexec.go}), the server of Kubernetes' own network e2e
 * tests: HTTP on {@code --http-port} (8080), UDP on {@code --udp-port} (8081, {@code -1} turns it off) and SCTP on
 * {@code --sctp-port} (off unless given). HTTP endpoints: {@code /} ({@code NOW: <time>}), {@code /hostname} and
 * {@code /hostName}, {@code /clientip} (the {@code ip:port} the server sees), {@code /echo?msg=&code=},
 * {@code /header?key=} (one header, or all as JSON), {@code /healthz} and {@code /readyz} (200 only while a UDP or SCTP
 * server runs, 412 otherwise: with {@code --udp-port=-1} and no SCTP they fail, as on a real cluster). The UDP and
 * SCTP servers answer {@code hostname}, {@code echo <msg>} and {@code clientip}, lower-casing what they receive.
 *
 * <p>Not simulated (they need the network or a shell): {@code /dial}, {@code /shell}, {@code /upload},
 * {@code /redirect}, {@code /exit}, {@code /shutdown}; they answer 501 with a sentence saying so.
 * Each handler logs one line without the client address (e.g. {@code GET /hostname}), as netexec does.
 */
record NetexecProcess(int httpPort, int udpPort, int sctpPort) implements Process {

    private boolean serverReady() {
        return udpPort != -1 || sctpPort != -1;
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        listeners.add(new Listener(httpPort, Protocol.TCP, Listener.Kind.HTTP));
        if (udpPort != -1) {
            listeners.add(new Listener(udpPort, Protocol.UDP, Listener.Kind.UDP_AGNHOST));
        }
        if (sctpPort != -1) {
            listeners.add(new Listener(sctpPort, Protocol.SCTP, Listener.Kind.SCTP_AGNHOST));
        }
        listeners.sort(null);
        return List.copyOf(listeners);
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        List<String> lines = new ArrayList<>();
        lines.add(context.goLog("Started HTTP server on port " + httpPort));
        if (udpPort != -1) {
            // netexec formats "port %s %d" with the bind address, empty when binding to all addresses.
            lines.add(context.goLog("Started UDP server on port  " + udpPort));
        }
        if (sctpPort != -1) {
            lines.add(context.goLog("Started SCTP server"));
        }
        return lines;
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (port != httpPort) {
            return Optional.empty();
        }
        long now = conn.epochSecond();
        String path = request.path();
        switch (path) {
            case "/clientip" -> {
                log.add(Wire.goLog(now, "GET /clientip"));
                return ok(conn.remoteAddr(), now);
            }
            case "/hostname" -> {
                log.add(Wire.goLog(now, "GET /hostname"));
                return ok(context.hostname(), now);
            }
            case "/hostName" -> {
                log.add(Wire.goLog(now, "GET /hostName"));
                return ok(context.hostname(), now);
            }
            case "/echo" -> {
                String msg = Wire.queryParam(request, "msg");
                String code = Wire.queryParam(request, "code");
                log.add(Wire.goLog(now, "GET /echo?msg=" + msg + "&code=" + code));
                if (code.isEmpty()) {
                    return ok(msg, now);
                }
                Integer status = Flags.integer(code);
                if (status == null) {
                    return ok("argument 'code' must be an integer or empty, got \"" + code + "\"\n", now);
                }
                return Optional.of(Wire.goResponse(status, Map.of(), msg, now));
            }
            case "/header" -> {
                String key = Wire.queryParam(request, "key");
                if (!key.isEmpty()) {
                    log.add(Wire.goLog(now, "GET /header?key=" + key));
                    String value = Wire.goRequestHeaders(request).get(Wire.canonicalHeaderKey(key));
                    if (Wire.canonicalHeaderKey(key).equals("Host")) {
                        value = null; // Go moves Host out of Request.Header
                    }
                    return ok(value == null ? "" : value, now);
                }
                log.add(Wire.goLog(now, "GET /header"));
                return ok(Wire.goHeaderJson(request), now);
            }
            case "/healthz" -> {
                log.add(Wire.goLog(now, "GET /healthz"));
                return Optional.of(Wire.goResponse(serverReady() ? 200 : 412, Map.of(), "", now));
            }
            case "/readyz" -> {
                log.add(Wire.goLog(now, "GET /readyz"));
                return serverReady() ? ok("ok", now)
                        : Optional.of(Wire.goResponse(412, Map.of(), "", now));
            }
            case "/dial", "/shell", "/upload", "/redirect", "/exit", "/shutdown" -> {
                return Optional.of(Wire.goResponse(501, Map.of(),
                        "minicluster: agnhost netexec " + path + " is not simulated\n", now));
            }
            default -> {
                log.add(Wire.goLog(now, "GET /"));
                return ok("NOW: " + Wire.goTimeString(now) + " m=+" + Math.max(0, now - context.startedAt())
                        + ".000000000", now);
            }
        }
    }

    private static Optional<HttpResponse> ok(String body, long now) {
        return Optional.of(Wire.goResponse(200, Map.of(), body, now));
    }

    @Override
    public Optional<String> serveRaw(RawPayload raw, ConnectionInfo conn,
                                     ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        Protocol protocol = raw.protocol();
        String payload = raw.payload();
        boolean udp = protocol == Protocol.UDP && port == udpPort && udpPort != -1;
        boolean sctp = protocol == Protocol.SCTP && port == sctpPort && sctpPort != -1;
        if (!udp && !sctp) {
            return Optional.empty();
        }
        String proto = udp ? "UDP" : "SCTP";
        long now = conn.epochSecond();
        String received = payload.strip().toLowerCase(Locale.ROOT);
        if (received.equals("hostname")) {
            log.add(Wire.goLog(now, "Sending " + (udp ? "udp" : "SCTP") + " hostName response"));
            return Optional.of(context.hostname());
        }
        if (received.startsWith("echo ")) {
            String message = received.substring("echo ".length());
            log.add(Wire.goLog(now, "Echoing " + message + " to " + proto + " client " + conn.remoteAddr()));
            return Optional.of(message);
        }
        if (received.equals("clientip")) {
            log.add(Wire.goLog(now, "Sending clientip back to " + proto + " client " + conn.remoteAddr()));
            return Optional.of(conn.remoteAddr());
        }
        if (!received.isEmpty()) {
            log.add(Wire.goLog(now, "Unknown " + proto + " command received from " + conn.remoteAddr() + ": "
                    + received));
        }
        return Optional.empty();
    }
}
