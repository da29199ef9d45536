package academy.minicluster.net.workload;

import academy.minicluster.net.wire.Protocol;
import java.util.Objects;

/**
 * A socket a container's process listens on, decided by the image and its flags.
 *
 * @param port     the port number inside the pod's network namespace
 * @param protocol TCP, UDP or SCTP
 * @param kind     what speaks on it, so the data plane knows whether to call
 *                 {@link SimulatedContainer#serveHttp} or {@link SimulatedContainer#serveRaw}, or to hand the
 *                 request to the process's proxy ({@link SimulatedContainer#proxy}) or DNS server
 *                 ({@link SimulatedContainer#answerDns})
 */
public record Listener(int port, Protocol protocol, Kind kind) implements Comparable<Listener> {

    public Listener {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(kind, "kind");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public int compareTo(Listener other) {
        int byPort = Integer.compare(port, other.port);
        return byPort != 0 ? byPort : protocol.compareTo(other.protocol);
    }

    @Override
    public String toString() {
        return port + "/" + protocol + " (" + kind + ")";
    }

    /** What protocol is spoken on a listener. */
    public enum Kind {
        /** HTTP/1.1 over TCP: {@link SimulatedContainer#serveHttp}. */
        HTTP,
        /** A raw TCP server that writes an answer and closes (agnhost serve-hostname --tcp). */
        RAW_TCP,
        /** A raw UDP server answering each datagram (agnhost serve-hostname --udp). */
        RAW_UDP,
        /** A raw SCTP server (agnhost serve-hostname --sctp). */
        RAW_SCTP,
        /** agnhost netexec's UDP server: {@code hostname}, {@code echo <msg>}, {@code clientip}. */
        UDP_AGNHOST,
        /** agnhost netexec's SCTP server, same commands as its UDP server. */
        SCTP_AGNHOST,
        /** A DNS server (CoreDNS): the process answers each question ({@link Process#answerDns}). */
        DNS,
        /**
         * An HTTP proxy's listener (ingress-nginx's 80, 443 and 8443, an Envoy proxy's Gateway listener ports): the
         * process routes and proxies each request ({@link Process#proxy}) and writes its own decisions on the trace.
         */
        INGRESS_CONTROLLER
    }
}
