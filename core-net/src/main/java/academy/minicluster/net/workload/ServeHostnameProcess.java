package academy.minicluster.net.workload;

import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code agnhost serve-hostname} ({@code test/images/agnhost/serve-hostname/serve_hostname.go}): answers its hostname
 * (the pod name) on {@code --port} (9376), over HTTP ({@code --http}, default true) or raw over TCP or UDP
 * ({@code --tcp}, {@code --udp}, which require {@code --http=false}). It has no SCTP mode: the NetworkPolicy e2e
 * tests serve SCTP with {@code agnhost porter} ({@link PorterProcess}). The raw TCP server writes the
 * hostname and closes; the UDP server answers any datagram with it. Each request is logged with the client address
 * the server sees: {@code HTTP request from 10.244.2.4:51234}. With {@code --close} the HTTP answer carries
 * {@code Connection: close}.
 *
 * <p>The standalone image {@code registry.k8s.io/serve_hostname} ({@code test/images/serve_hostname}, which the
 * "Debug Services" page deploys) is the same server before it moved into agnhost: Go {@code flag} parsing, no
 * {@code --close}, and nothing logged at start.
 */
record ServeHostnameProcess(int port, boolean http, boolean tcp, boolean udp, boolean close, Build build)
        implements Process {

    /** Which program this is: agnhost's subcommand, or the standalone image it grew from. */
    enum Build { AGNHOST, STANDALONE_IMAGE }

    @Override
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        if (http) {
            listeners.add(new Listener(port, Protocol.TCP, Listener.Kind.HTTP));
        }
        if (tcp) {
            listeners.add(new Listener(port, Protocol.TCP, Listener.Kind.RAW_TCP));
        }
        if (udp) {
            listeners.add(new Listener(port, Protocol.UDP, Listener.Kind.RAW_UDP));
        }
        listeners.sort(null);
        return List.copyOf(listeners);
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return build == Build.AGNHOST ? List.of(context.goLog("Serving on port " + port + ".")) : List.of();
    }

    @Override
    public Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                            ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        if (!http || port != this.port) {
            return Optional.empty();
        }
        log.add(Wire.goLog(conn.epochSecond(), "HTTP request from " + conn.remoteAddr()));
        Map<String, String> headers = close ? Map.of("Connection", "close") : Map.of();
        return Optional.of(Wire.goResponse(200, headers, context.hostname(), conn.epochSecond()));
    }

    @Override
    public Optional<String> serveRaw(RawPayload raw, ConnectionInfo conn,
                                     ProcessContext context, List<String> log) {
        int port = conn.serverPort();
        Protocol protocol = raw.protocol();
        if (port != this.port) {
            return Optional.empty();
        }
        boolean serves = switch (protocol) {
            case TCP -> tcp;
            case UDP -> udp;
            case SCTP -> false;
        };
        if (!serves) {
            return Optional.empty();
        }
        log.add(Wire.goLog(conn.epochSecond(), protocol.name() + " request from " + conn.remoteAddr()));
        return Optional.of(context.hostname());
    }
}
