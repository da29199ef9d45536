package academy.minicluster.net.dataplane.proxy;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.profile.ClusterProfile.ProxyMode;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-proxy's decision for the first packet of a connection (conntrack keeps it for the rest): does the
 * destination belong to a Service, and if so, which endpoint, with which source address, or REJECT / DROP.
 * The rules follow {@code pkg/proxy/iptables/proxier.go} (semantics §2.9–2.12, §3).
 *
 * <p>Endpoint choice: iptables mode picks uniformly at random per connection (the cascade of
 * {@code --probability 1/(n-i)} rules), from the cluster's seeded generator; IPVS mode rotates round-robin.
 * {@code sessionAffinity: ClientIP} pins a client to its endpoint until the timeout passes without use.
 *
 * <p>Documented choices: SNAT ("masquerade") rewrites the source to the IP of the node that did the DNAT.
 * Hairpin traffic (a pod reaching itself through its Service) is masqueraded to its node's bridge address,
 * {@code .1} of the node's podCIDR.
 */
public final class KubeProxy {

    /** Where a packet comes from, as kube-proxy classifies it. */
    public enum Origin { POD, NODE, EXTERNAL }

    /**
     * The first packet of a connection as kube-proxy on {@code node} sees it.
     *
     * @param origin      where it comes from, as kube-proxy classifies it
     * @param sourceIp    the sender's address
     * @param sourceNode  the sending pod's node, or the sending node itself
     * @param node        the node whose rules apply: the sender's for pod and node traffic, the receiving node for
     *                    traffic from outside
     * @param nodeIp      that node's address: the source SNAT rewrites to
     * @param dstIp       the destination as dialled
     * @param dstIsNodeIp whether {@code dstIp} is one of the cluster's node addresses (where node ports listen)
     */
    public record Packet(Origin origin, String sourceIp, String sourceNode, String node, String nodeIp, String dstIp,
                         int port, Protocol protocol, boolean dstIsNodeIp) {
    }

    /**
     * Which endpoints a Service's packet may go to, and whether its source is rewritten: decided per destination
     * kind before an endpoint is chosen, as proxier.go writes each Service's chains from its traffic policies.
     */
    enum TrafficPolicy {
        /** A ClusterIP with internalTrafficPolicy Cluster, or pod traffic to an external address: every endpoint. */
        CLUSTER(Endpoints.ALL, false),
        /** externalTrafficPolicy Cluster from outside, or anything from a node: every endpoint, source masqueraded. */
        CLUSTER_MASQUERADE(Endpoints.ALL, true),
        /** A ClusterIP with internalTrafficPolicy Local: the endpoints on the sender's node only. */
        INTERNAL_LOCAL(Endpoints.SENDERS_NODE, false),
        /** externalTrafficPolicy Local from outside: the receiving node's endpoints only, the client address kept. */
        EXTERNAL_LOCAL(Endpoints.RECEIVING_NODE, false);

        private enum Endpoints { ALL, SENDERS_NODE, RECEIVING_NODE }

        private final Endpoints endpoints;
        private final boolean masquerade;

        TrafficPolicy(Endpoints endpoints, boolean masquerade) {
            this.endpoints = endpoints;
            this.masquerade = masquerade;
        }

        /** The node whose endpoints alone may be used, or null when any node's may. */
        String localNode(Packet packet) {
            return switch (endpoints) {
                case ALL -> null;
                case SENDERS_NODE -> packet.sourceNode();
                case RECEIVING_NODE -> packet.node();
            };
        }

        /** The Service field that made the policy node-local, as a DROP names it. */
        String field() {
            return this == INTERNAL_LOCAL ? "internalTrafficPolicy" : "externalTrafficPolicy";
        }
    }

    /** What happens to the packet. */
    public sealed interface Verdict {
        List<Hop> hops();
    }

    /** The destination is no Service's: routed as it is. */
    public record NotAService(List<Hop> hops) implements Verdict {
    }

    /** DNAT to an endpoint; {@code sourceIp} is the client address the endpoint will see (changed by SNAT). */
    public record Forward(ServicePortRules rules, ServiceEndpoint endpoint, String sourceIp, List<Hop> hops)
            implements Verdict {
    }

    /** REJECT: the client gets "connection refused" at once. */
    public record Reject(ServicePortRules rules, List<Hop> hops) implements Verdict {
    }

    /** DROP: nothing comes back; the client times out. */
    public record Drop(ServicePortRules rules, List<Hop> hops) implements Verdict {
    }

    private record Affinity(String endpoint, long lastUsed) {
    }

    private final ProxyMode mode;
    private final java.util.Random random;
    private final SimulatedClock clock;
    private final Map<String, Integer> roundRobin = new HashMap<>();
    private final Map<String, Affinity> affinity = new HashMap<>();

    public KubeProxy(ProxyMode mode, java.util.Random random, SimulatedClock clock) {
        this.mode = mode;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Takes over what {@code original} remembers between connections (IPVS's round-robin positions, ClientIP
     * affinity), for a forked cluster; the service table is compiled again from the fork's objects.
     */
    public void copyStateFrom(KubeProxy original) {
        roundRobin.putAll(original.roundRobin);
        affinity.putAll(original.affinity);
    }

    /** Writes what {@link #copyStateFrom} copies, by key in sorted order. */
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        out.writeStringIntMap(new java.util.TreeMap<>(roundRobin));
        var sorted = new java.util.TreeMap<>(affinity);
        out.writeInt(sorted.size());
        sorted.forEach((key, a) -> {
            out.writeString(key);
            out.writeString(a.endpoint());
            out.writeLong(a.lastUsed());
        });
    }

    /** Reads what {@link #writeState} wrote into this new kube-proxy. */
    public void readState(academy.minicluster.net.api.StateReader in) {
        in.readStringIntMap(roundRobin);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = in.readString();
            affinity.put(key, new Affinity(in.readString(), in.readLong()));
        }
    }

    /**
     * Routes the first packet of a connection through {@code table}, the rules compiled from the Services and
     * EndpointSlices (the data plane's tables: kube-proxy here keeps only what it remembers between connections,
     * affinity and round-robin positions).
     */
    public Verdict route(ServiceTable table, Packet packet) {
        String dstIp = packet.dstIp();
        int port = packet.port();
        Protocol protocol = packet.protocol();
        String key = ServiceTable.key(port, protocol);

        // Capture the clusterIP (from inside the cluster only: nothing outside routes the service network).
        Map<String, ServicePortRules> clusterIpRules = packet.origin() == Origin.EXTERNAL ? null : table.clusterIp(dstIp);
        if (clusterIpRules != null) {
            ServicePortRules rules = clusterIpRules.get(key);
            if (rules == null) {
                ServicePortRules any = clusterIpRules.values().iterator().next();
                if (mode != ProxyMode.IPTABLES) {
                    // nftables rejects traffic to a cluster IP's unknown ports; IPVS binds every cluster IP to the
                    // node's kube-ipvs0 interface, so the node's kernel answers a port nothing listens on with a RST.
                    return new Reject(any, List.of(Hop.stop(Hop.Stage.SERVICE, Hop.Verdict.REFUSED,
                            "ClusterIP " + dstIp + " belongs to Service " + any.serviceRef().namespace() + "/"
                                    + any.serviceRef().name() + ", which has no port " + port + "/" + protocol
                                    + (mode == ProxyMode.IPVS
                                    ? ": the ClusterIP is bound to kube-ipvs0 and nothing listens there, the node "
                                    + "answers with a reset"
                                    : ": kube-proxy (nftables) REJECTs connections to a ClusterIP's unknown ports"),
                            any.serviceRef())));
                }
                return new Drop(any, List.of(Hop.stop(Hop.Stage.SERVICE, Hop.Verdict.DROPPED,
                        "ClusterIP " + dstIp + " belongs to Service " + any.serviceRef().namespace() + "/"
                                + any.serviceRef().name() + ", which has no port " + port + "/" + protocol
                                + ": no kube-proxy rule matches, the packet goes unanswered",
                        any.serviceRef())));
            }
            TrafficPolicy internal = rules.internalTrafficPolicyLocal() ? TrafficPolicy.INTERNAL_LOCAL
                    : TrafficPolicy.CLUSTER;
            String what = "Service " + rules.serviceRef().namespace() + "/" + rules.serviceRef().name() + " port "
                    + port + "/" + protocol + " (ClusterIP " + dstIp + ")";
            return choose(rules, packet, what, internal);
        }

        // Capture externalIPs and load-balancer IPs, then nodePorts on the node's own addresses.
        Map<String, ServicePortRules> external = table.externalIp(dstIp);
        ServicePortRules rules = external == null ? null : external.get(key);
        String what;
        if (rules != null) {
            what = "Service " + rules.serviceRef().namespace() + "/" + rules.serviceRef().name() + " port " + port
                    + "/" + protocol + (dstIp.equals(AssignedAddresses.loadBalancerIp(rules.service()))
                    ? " (load-balancer IP " : " (externalIP ") + dstIp + ")";
        } else if (packet.dstIsNodeIp() && (rules = table.nodePort(port, protocol)) != null) {
            what = "Service " + rules.serviceRef().namespace() + "/" + rules.serviceRef().name() + " nodePort "
                    + port + "/" + protocol + " on node " + packet.node() + " (" + dstIp + ")";
        } else {
            return new NotAService(List.of());
        }
        return choose(rules, packet, what, externalTrafficPolicy(rules, packet.origin()));
    }

    /**
     * The traffic policy of an external destination (externalIP, load-balancer IP, nodePort): pod traffic
     * short-circuits to the cluster-wide endpoints (masqueraded unless the Service is Local), a node's own traffic is
     * always masqueraded, and traffic from outside follows externalTrafficPolicy.
     */
    private static TrafficPolicy externalTrafficPolicy(ServicePortRules rules, Origin origin) {
        boolean local = rules.externalTrafficPolicyLocal();
        return switch (origin) {
            case POD -> local ? TrafficPolicy.CLUSTER : TrafficPolicy.CLUSTER_MASQUERADE;
            case NODE -> TrafficPolicy.CLUSTER_MASQUERADE;
            case EXTERNAL -> local ? TrafficPolicy.EXTERNAL_LOCAL : TrafficPolicy.CLUSTER_MASQUERADE;
        };
    }

    private Verdict choose(ServicePortRules rules, Packet packet, String what, TrafficPolicy policy) {
        List<Hop> hops = new ArrayList<>();
        ObjectRef service = rules.serviceRef();
        if (rules.usable(null).isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.SERVICE, Hop.Verdict.REFUSED, what
                    + " has no endpoints: kube-proxy REJECTs the connection (check the Service's selector and that "
                    + "its pods are Ready)", service));
            return new Reject(rules, hops);
        }
        String localNode = policy.localNode(packet);
        List<ServiceEndpoint> candidates = rules.usable(localNode);
        if (candidates.isEmpty()) {
            hops.add(Hop.stop(Hop.Stage.SERVICE, Hop.Verdict.DROPPED, what + " has " + policy.field()
                    + ": Local and no ready endpoint on node " + localNode + ": kube-proxy DROPs the packet", service));
            return new Drop(rules, hops);
        }
        ServiceEndpoint chosen = pick(rules, packet.sourceIp(), candidates);
        String how = candidates.size() == 1 ? "the only usable endpoint"
                : rules.sessionAffinityClientIp() ? "sessionAffinity ClientIP"
                : mode == ProxyMode.IPVS ? "IPVS round-robin" : "chosen at random";
        int index = candidates.indexOf(chosen) + 1;
        hops.add(Hop.pass(Hop.Stage.SERVICE, what + " -> endpoint " + chosen.describe() + ", " + index + " of "
                + candidates.size() + ", " + how + (localNode != null ? ", node-local only" : ""), service,
                chosen.slice()));
        String sourceIp = packet.sourceIp();
        if (policy.masquerade && !sourceIp.equals(packet.nodeIp())) {
            sourceIp = packet.nodeIp();
            hops.add(Hop.pass(Hop.Stage.NAT, "SNAT (masquerade): source " + packet.sourceIp() + " -> "
                    + packet.nodeIp() + " (node " + packet.node() + "), because " + (rules.externalTrafficPolicyLocal()
                    ? "the client is on the node" : "externalTrafficPolicy is Cluster")
                    + "; the pod will not see the client's address", service));
        } else if (!policy.masquerade && packet.origin() == Origin.EXTERNAL) {
            hops.add(Hop.pass(Hop.Stage.NAT, "no SNAT: externalTrafficPolicy Local keeps the client address "
                    + packet.sourceIp(), service));
        }
        if (chosen.ip().equals(packet.sourceIp()) && packet.origin() == Origin.POD) {
            String bridge = bridgeIp(chosen.ip());
            sourceIp = bridge;
            hops.add(Hop.pass(Hop.Stage.NAT, "hairpin: the endpoint is the client pod itself; SNAT source to the "
                    + "node bridge address " + bridge, service));
        }
        return new Forward(rules, chosen, sourceIp, hops);
    }

    private ServiceEndpoint pick(ServicePortRules rules, String clientIp, List<ServiceEndpoint> candidates) {
        String affinityKey = rules.name() + "|" + clientIp;
        long now = clock.epochSecond();
        if (rules.sessionAffinityClientIp()) {
            Affinity a = affinity.get(affinityKey);
            if (a != null && now - a.lastUsed() <= rules.sessionAffinityTimeoutSeconds()) {
                for (ServiceEndpoint e : candidates) {
                    if (e.address().equals(a.endpoint())) {
                        affinity.put(affinityKey, new Affinity(a.endpoint(), now));
                        return e;
                    }
                }
            }
        }
        ServiceEndpoint chosen;
        if (mode == ProxyMode.IPVS) {
            int next = roundRobin.merge(rules.name(), 1, Integer::sum) - 1;
            chosen = candidates.get(Math.floorMod(next, candidates.size()));
        } else {
            chosen = candidates.get(random.nextInt(candidates.size()));
        }
        if (rules.sessionAffinityClientIp()) {
            affinity.put(affinityKey, new Affinity(chosen.address(), now));
        }
        return chosen;
    }

    /** The node's bridge address for a pod IP: {@code .1} of its /24. */
    static String bridgeIp(String podIp) {
        return podIp.substring(0, podIp.lastIndexOf('.')) + ".1";
    }
}
