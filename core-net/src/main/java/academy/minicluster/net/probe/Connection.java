package academy.minicluster.net.probe;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A connection a client opened, or tried to. When {@link #outcome()} is {@link Outcome#ESTABLISHED} the client
 * may talk over it; otherwise the outcome says how it failed, as the client's kernel reports it.
 */
public interface Connection {

    enum Outcome {
        /** The server accepted (TCP/SCTP), or a UDP datagram can be sent. */
        ESTABLISHED,
        /** A TCP RST or ICMP port unreachable came back: "Connection refused" (kube-proxy REJECT, nothing listening). */
        REFUSED,
        /** Nothing came back: dropped by a NetworkPolicy, a DROP rule, or an unroutable address. */
        TIMEOUT,
        /** No route to the host (ICMP host unreachable). */
        NO_ROUTE
    }

    Outcome outcome();

    /** The path of the connection so far; grows with each exchange over it. */
    List<Hop> hops();

    /** Where the connection's path ends now: {@link #hopsSince} it, after an exchange, is what the exchange added. */
    default Trace.Mark mark() {
        return new Trace.Mark(hops().size());
    }

    /** The hops added to the connection's path after {@code mark} was taken on it, in order. */
    default List<Hop> hopsSince(Trace.Mark mark) {
        return mark.in(hops());
    }

    /** The address and port the client sees at the other end (before any DNAT: what it dialled). */
    String remoteAddress();

    /** The local address and port the client used. */
    String localAddress();

    /**
     * Sends an HTTP request in plain text over this established connection and reads the answer.
     * Empty when the peer speaks no HTTP (a raw TCP server, or the connection cannot carry it): the client sees the
     * connection closed with no reply ("Empty reply from server").
     */
    Optional<HttpResponse> http(HttpRequest request);

    /**
     * Starts TLS on this connection with the given SNI server name (null for none), as curl does for https.
     * The handshake tells which certificate the server presented, or why it failed.
     */
    TlsHandshake startTls(String serverName);

    /** Sends a UDP datagram over this flow and returns the reply, empty when none comes back. */
    Optional<String> datagram(String payload);
}
