package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code agnhost porter} ({@code test/images/agnhost/porter/porter.go}): for each environment variable
 * {@code SERVE_PORT_<n>} or {@code SERVE_TCP_PORT_<n>} it serves HTTP on port n, answering the variable's value to
 * any request; {@code SERVE_UDP_PORT_<n>} answers each datagram with the value; {@code SERVE_SCTP_PORT_<n>} writes
 * the value on each SCTP association (how the NetworkPolicy e2e tests serve SCTP); {@code SERVE_TLS_PORT_<n>} serves
 * the value over HTTPS (TLS itself is not simulated: it is answered as HTTP).
 *
 * @param tcp  port to value, HTTP
 * @param udp  port to value, raw UDP
 * @param sctp port to value, raw SCTP
 */
record PorterProcess(Map<Integer, String> tcp, Map<Integer, String> udp, Map<Integer, String> sctp)
        implements Process {

    PorterProcess {
        tcp = java.util.Collections.unmodifiableMap(new TreeMap<>(tcp));
        udp = java.util.Collections.unmodifiableMap(new TreeMap<>(udp));
        sctp = java.util.Collections.unmodifiableMap(new TreeMap<>(sctp));
    }

    static PorterProcess fromEnvironment(Map<String, String> environment) {
        Map<Integer, String> tcp = new TreeMap<>();
        Map<Integer, String> udp = new TreeMap<>();
        Map<Integer, String> sctp = new TreeMap<>();
        environment.forEach((key, value) -> {
            for (String prefix : List.of("SERVE_PORT_", "SERVE_TCP_PORT_", "SERVE_TLS_PORT_")) {
                put(tcp, key, prefix, value);
            }
            put(udp, key, "SERVE_UDP_PORT_", value);
            put(sctp, key, "SERVE_SCTP_PORT_", value);
        });
        return new PorterProcess(tcp, udp, sctp);
    }

    private static void put(Map<Integer, String> ports, String key, String prefix, String value) {
        if (key.startsWith(prefix)) {
            Integer port = Flags.integer(key.substring(prefix.length()));
            if (port != null && port > 0 && port < 65536) {
                ports.put(port, value);
            }
        }
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        tcp.keySet().forEach(p -> listeners.add(new Listener(p, Protocol.TCP, Listener.Kind.HTTP)));
        udp.keySet().forEach(p -> listeners.add(new Listener(p, Protocol.UDP, Listener.Kind.RAW_UDP)));
        sctp.keySet().forEach(p -> listeners.add(new Listener(p, Protocol.SCTP, Listener.Kind.RAW_SCTP)));
        listeners.sort(null);
        return List.copyOf(listeners);
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        List<String> lines = new ArrayList<>();
        udp.keySet().forEach(p -> lines.add(context.goLog("Started UDP server on port " + p)));
        if (!sctp.isEmpty()) {
            sctp.keySet().forEach(p -> lines.add(context.goLog("Started SCTP server")));
        }
        return lines;
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        String value = tcp.get(port);
        return value == null ? Optional.empty()
                : Optional.of(Wire.goResponse(200, Map.of(), value, conn.epochSecond()));
    }

    @Override
    public Optional<String> serveRaw(RawPayload raw, ConnectionInfo conn,
                                     ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        Protocol protocol = raw.protocol();
        if (protocol == Protocol.UDP) {
            return Optional.ofNullable(udp.get(port));
        }
        if (protocol == Protocol.SCTP && sctp.containsKey(port)) {
            log.add(Wire.goLog(conn.epochSecond(), "Sending response"));
            log.add(Wire.goLog(conn.epochSecond(), "Response sent"));
            return Optional.of(sctp.get(port));
        }
        return Optional.empty();
    }
}
