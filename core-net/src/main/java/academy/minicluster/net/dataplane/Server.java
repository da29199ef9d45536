package academy.minicluster.net.dataplane;

import academy.minicluster.net.dataplane.dns.ZoneAnswer;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Trace;
import academy.minicluster.net.wire.HttpRequest;
import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.RecordType;
import java.util.List;
import java.util.Optional;

/**
 * Whatever accepted a connection at the end of its path: a simulated container (whatever its image: nginx,
 * CoreDNS, the ingress-nginx controller, an Envoy proxy), kube-proxy's servers, the API server, the kind network's
 * resolver, or a host of the simulated Internet. What the server decides (the Ingress rule, the upstream it
 * proxied to) is added to {@code hops}.
 */
interface Server {

    /** The client as the server sees it (after any SNAT), and the address it was reached on (after DNAT). */
    record Peer(String clientIp, int clientPort, String serverIp, int serverPort) {
    }

    /** One HTTP request over the connection; empty when the server does not speak HTTP. */
    Optional<HttpResponse> http(HttpRequest request, Peer peer, boolean tls, Trace hops);

    /** A raw payload (a TCP line or a UDP datagram); empty when nothing comes back. */
    default Optional<String> raw(String payload, Peer peer, Trace hops) {
        return Optional.empty();
    }

    /**
     * One DNS question over the connection (a UDP datagram to port 53); empty when the server does not speak DNS
     * and nothing comes back.
     */
    default Optional<ZoneAnswer> dns(String name, RecordType type) {
        return Optional.empty();
    }

    /**
     * A TLS handshake with {@code sni} on the connection from {@code peer}; by default the server speaks plain text
     * and the handshake fails.
     */
    default TlsHandshake tls(String sni, Connection decrypted, Peer peer, Trace hops) {
        return TlsHandshake.failed("error:0A00010B:SSL routines::wrong version number");
    }
}
