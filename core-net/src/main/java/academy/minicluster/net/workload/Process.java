package academy.minicluster.net.workload;

import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.wire.RecordType;
import java.util.List;
import java.util.Optional;

/**
 * The main process of a simulated container, once the image's entrypoint, the pod's command and args and the
 * environment have decided what runs. Each implementation is one real program; it appends what it logs to the
 * log it is given. A proxy (ingress-nginx, Envoy) or a DNS server (CoreDNS) is a process like the others: what it
 * needs beyond the connection (its configuration, its own pod's network for the upstream leg) comes in
 * {@link Surroundings}.
 */
sealed interface Process permits NginxProcess, HttpEchoProcess, NetexecProcess, ServeHostnameProcess, PorterProcess,
        WhoamiProcess, EchoBasicProcess, GrpcEchoProcess, EnvoyProcess,
        EchoserverProcess, HelloAppProcess, GenericHttpProcess, IdleProcess, ExitedProcess, CoreDnsProcess, IngressControllerProcess {

    /** The sockets it listens on, sorted by port then protocol. */
    List<Listener> listeners();

    /** What it prints when it starts. */
    List<String> startupLog(ProcessContext context);

    /** Running, for every server that starts and stays up; a process that exits or crashes says otherwise. */
    default ContainerState state() {
        return new ContainerState.Running();
    }

    default Optional<HttpResponse> serveHttp(HttpRequest request, ConnectionInfo conn,
                                             ProcessContext context, List<String> log) {
        return Optional.empty();
    }

    /**
     * An HTTP request on one of its proxy listeners ({@link Listener.Kind#INGRESS_CONTROLLER}): routed and proxied
     * as its configuration says, its decisions added to the request's trace.
     */
    default Optional<HttpResponse> proxy(ProxiedRequest request, Surroundings around) {
        return Optional.empty();
    }

    /** A TLS handshake on the port {@code hello} reached; empty when the listener speaks plain text. */
    default Optional<TlsHandshake> handshake(TlsHello hello, Surroundings around) {
        return Optional.empty();
    }

    /** A DNS question on one of its DNS listeners ({@link Listener.Kind#DNS}); empty when nothing answers. */
    default Optional<ZoneAnswer> answerDns(String name, RecordType type, Surroundings around) {
        return Optional.empty();
    }

    default Optional<String> serveRaw(RawPayload raw, ConnectionInfo conn,
                                      ProcessContext context, List<String> log) {
        return Optional.empty();
    }
}
