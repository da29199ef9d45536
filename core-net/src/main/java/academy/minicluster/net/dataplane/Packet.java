package academy.minicluster.net.dataplane;

import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The first packet of a connection as it travels the walk (conntrack keeps what it met for the rest): who sent it,
 * its source and destination as rewritten so far (kube-proxy's DNAT and SNAT, a hostPort's DNAT), the node whose
 * network it is on, and what the destination address turned out to be once routed. A value: each stage that
 * changes it hands on a new one.
 *
 * @param client      the sender, as it dialled (its own address stays the one a policy judges egress on)
 * @param sourceIp    the source address now: the client's, or the node's after SNAT
 * @param sourcePort  the client's ephemeral port
 * @param dstIp       the destination address now: as dialled, or the endpoint's after DNAT
 * @param dstPort     the destination port now
 * @param protocol    TCP or UDP
 * @param node        the node whose network (and kube-proxy rules) the packet is on; null before it reaches one
 * @param destination what owns {@code dstIp}, once the route to it is known
 */
record Packet(Client client, String sourceIp, int sourcePort, String dstIp, int dstPort, Protocol protocol,
              String node, Destination destination) {

    /** What owns the destination address, as the route to it finds out. */
    sealed interface Destination {
    }

    /** Not routed yet. */
    enum Unrouted implements Destination { UNROUTED }

    /** A pod's own address (its IP from the node's podCIDR). */
    record PodAddress(Pod pod) implements Destination {
    }

    /** A node's address: whatever listens on the node itself (hostNetwork pods, the kubelet's neighbours). */
    record NodeAddress(Node node) implements Destination {
    }

    /** Outside the cluster: the simulated Internet, or the kind network's DNS on its gateway. */
    enum Outside implements Destination { OUTSIDE }

    /** A new connection's first packet, from the client's own address and an ephemeral port, not yet addressed. */
    static Packet leaving(Client client, int sourcePort, Protocol protocol) {
        return new Packet(client, client.ip(), sourcePort, null, 0, protocol, null, Unrouted.UNROUTED);
    }

    /** The destination rewritten (or first set): as dialled, by kube-proxy's DNAT, or by a hostPort's. */
    Packet dnat(String ip, int port) {
        return new Packet(client, sourceIp, sourcePort, ip, port, protocol, node, destination);
    }

    /** The source rewritten by SNAT (masquerade to the node's address, or hairpin to its bridge). */
    Packet snat(String ip) {
        return new Packet(client, ip, sourcePort, dstIp, dstPort, protocol, node, destination);
    }

    /** The packet now on {@code nodeName}'s network. */
    Packet onNode(String nodeName) {
        return new Packet(client, sourceIp, sourcePort, dstIp, dstPort, protocol, nodeName, destination);
    }

    /** The packet routed to what owns its destination address. */
    Packet reaching(Destination owner) {
        return new Packet(client, sourceIp, sourcePort, dstIp, dstPort, protocol, node, owner);
    }

    /** The connection as the server that accepts it sees it: its source and destination after NAT. */
    Server.Peer peer() {
        return new Server.Peer(sourceIp, sourcePort, dstIp, dstPort);
    }

    /** The client's end of the connection, as {@code ss} shows it on the client. */
    String local() {
        return client.ip() + ":" + sourcePort;
    }

    /** The destination as the client dialled it. */
    String remote() {
        return dstIp + ":" + dstPort;
    }
}
