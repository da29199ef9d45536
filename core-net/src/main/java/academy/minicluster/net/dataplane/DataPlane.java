package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.Ipv4;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.controller.ContainerRuntime;
import academy.minicluster.net.dataplane.dns.CoreDns;
import academy.minicluster.net.dataplane.dns.UpstreamDns;
import academy.minicluster.net.dataplane.gateway.GatewayRouter;
import academy.minicluster.net.dataplane.ingress.IngressRouter;
import academy.minicluster.net.trace.Hop;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import academy.minicluster.net.dataplane.policy.Flow;
import academy.minicluster.net.dataplane.policy.Peer;
import academy.minicluster.net.dataplane.policy.PolicyDecision;
import academy.minicluster.net.dataplane.policy.PolicyIndex;
import academy.minicluster.net.dataplane.proxy.KubeProxy;
import academy.minicluster.net.dataplane.proxy.ServiceEndpoint;
import academy.minicluster.net.dataplane.proxy.ServicePortRules;
import academy.minicluster.net.dataplane.proxy.ServiceTable;
import academy.minicluster.net.probe.ClientHost;
import academy.minicluster.net.profile.Bootstrap;
import academy.minicluster.net.profile.ClusterNetwork;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.wire.Protocol;
import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data plane, compiled from the cluster's objects and rebuilt only when they change: kube-proxy's service
 * table, the NetworkPolicy index, CoreDNS's zone, ingress-nginx's routing table and the address maps of pods and
 * nodes. {@link #connect} walks one connection hop by hop, in the order a packet meets them:
 * route out of the client, kube-proxy's DNAT (and SNAT), the route to the destination node, NetworkPolicy at
 * the destination pod (after DNAT, both directions), then whatever listens on the port.
 */
public final class DataPlane {

    private static final Ipv4.Cidr NODE_NETWORK = Ipv4.Cidr.parse(ClusterNetwork.NODE_NETWORK);
    private static final Ipv4.Cidr POD_NETWORK = Ipv4.Cidr.parse(ClusterNetwork.POD_CIDR);
    private static final Ipv4.Cidr SERVICE_NETWORK = Ipv4.Cidr.parse(ClusterNetwork.SERVICE_CIDR);
    private static final Ipv4.Cidr SIMULATED_INTERNET = Ipv4.Cidr.parse("203.0.113.0/24");
    private static final Ipv4.Cidr LOOPBACK = Ipv4.Cidr.parse("127.0.0.0/8");

    private final ObjectStore store;
    private final ContainerRuntime runtime;
    private final KubeProxy proxy;
    private final ClusterProfile profile;
    private final SimulatedClock clock;
    private final UpstreamDns upstream = UpstreamDns.wellKnown();
    private final Map<String, Integer> upstreamRoundRobin = new HashMap<>();
    /** {@code kubectl port-forward}s: a workstation TCP port on 127.0.0.1 to a pod's port, for the session. */
    private final Map<Integer, PortForward> portForwards = new java.util.TreeMap<>();

    /** Where {@code kubectl port-forward} sends a workstation port: the pod it picked and the pod's port. */
    public record PortForward(String namespace, String pod, int podPort) {
    }

    /** Starts forwarding {@code 127.0.0.1:localPort} on the workstation, as {@code kubectl port-forward} does. */
    public void portForward(int localPort, PortForward target) {
        portForwards.put(localPort, target);
    }

    /** Whether a forward already holds the workstation port. */
    public boolean portForwarded(int localPort) {
        return portForwards.containsKey(localPort);
    }
    private int nextEphemeralPort = 40000;

    private static final List<String> INGRESS_KINDS = List.of("Ingress", "IngressClass", "Secret");
    private static final List<String> GATEWAY_KINDS = List.of("GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute",
            "ReferenceGrant",
            "Service", "Namespace");

    /** What the walk reads: compiled from the objects when they changed, replaced whole, never changed by a walk. */
    private DataPlaneTables tables = DataPlaneTables.NONE;
    private long routerRevision = -1;
    /**
     * The network as seen from each pod's containers (resolv.conf, /etc/hosts, its tools), by pod uid and container:
     * the same for every exec until an object changes. A view holds no state of its own.
     */
    private final Map<PodContainer, ClusterNetworkView> podViews = new HashMap<>();

    /** A container of a pod, by the pod's uid: a key made without building a string (proxies ask per request). */
    private record PodContainer(String podUid, String container) {
    }

    /** The workstation's view, made once per tables as the pods' are (every workstation command asks for it). */
    private ClusterNetworkView workstationView;
    private IngressRouter ingressRouter;
    private GatewayRouter gatewayRouter;
    private long gatewayRouterRevision = -1;
    private final java.util.Random random;

    public DataPlane(ObjectStore store, ContainerRuntime runtime, ClusterProfile profile, java.util.Random random) {
        this.store = store;
        this.runtime = runtime;
        this.profile = profile;
        this.clock = store.clock();
        this.proxy = new KubeProxy(profile.proxyMode(), random, clock);
        this.random = random;
    }

    /**
     * Takes over what {@code original} remembers between probes (kube-proxy's round-robin positions and affinity,
     * the upstream resolvers' rotation, the next ephemeral port), for a forked cluster. What is compiled from the
     * objects is taken over too ({@link DataPlaneTables#forFork}), compiled first when {@code original} is live:
     * the fork holds the same objects at the same revision, so it would compile the same tables again on its first
     * probe (a fifth of a check's CPU, which probes a fork of the learner's cluster), and the original on its next;
     * compiled once, both share them. A frozen original (a snapshot, forked from any thread) is not compiled here:
     * it was compiled, if at all, by the live cluster it was forked from. A write in the fork compiles the parts of
     * the kinds it wrote, as in any cluster. Views (per pod, the workstation's) are made again: they belong to this
     * data plane.
     */
    public void copyStateFrom(DataPlane original) {
        if (!original.store.frozen()) {
            original.refresh();
        }
        tables = original.tables.forFork();
        ingressRouter = original.ingressRouter;
        routerRevision = original.routerRevision;
        proxy.copyStateFrom(original.proxy);
        portForwards.putAll(original.portForwards);
        upstreamRoundRobin.putAll(original.upstreamRoundRobin);
        nextEphemeralPort = original.nextEphemeralPort;
    }

    /** Writes what {@link #copyStateFrom} takes over, in sorted order. */
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        proxy.writeState(out);
        out.writeInt(portForwards.size());
        portForwards.forEach((port, target) -> {
            out.writeInt(port);
            out.writeString(target.namespace());
            out.writeString(target.pod());
            out.writeInt(target.podPort());
        });
        out.writeStringIntMap(new java.util.TreeMap<>(upstreamRoundRobin));
        out.writeInt(nextEphemeralPort);
    }

    /** Reads what {@link #writeState} wrote into this new data plane. */
    public void readState(academy.minicluster.net.api.StateReader in) {
        proxy.readState(in);
        int forwards = in.readInt();
        for (int i = 0; i < forwards; i++) {
            int port = in.readInt();
            portForwards.put(port, new PortForward(in.readString(), in.readString(), in.readInt()));
        }
        in.readStringIntMap(upstreamRoundRobin);
        nextEphemeralPort = in.readInt();
    }

    /**
     * Compiles the tables again when the objects changed since the last packet: called before every probe. Parts
     * whose kinds were not written are carried over ({@link DataPlaneTables#compile}).
     */
    void refresh() {
        if (store.revision() == tables.revision()) {
            return;
        }
        podViews.clear();
        workstationView = null;
        refreshIngressRouter();
        tables = DataPlaneTables.compile(store, profile, upstream, ingressRouter, tables);
    }

    private boolean stale(long since, List<String> kinds) {
        return since < 0 || store.changedSince(since, kinds);
    }

    /** Recompiles ingress-nginx's table alone: the Ingress status controller asks for it after writes. */
    private void refreshIngressRouter() {
        long revision = store.revision();
        if (revision == routerRevision) {
            return;
        }
        long since = routerRevision;
        routerRevision = revision;
        if (stale(since, INGRESS_KINDS)) {
            ingressRouter = IngressRouter.of(store.listForReading(Ingress.class, "Ingress"),
                    store.listForReading(IngressClass.class, "IngressClass"), store.listForReading(Secret.class, "Secret"),
                    Bootstrap.INGRESS_NGINX_CONTROLLER);
        }
    }

    public IngressRouter ingressRouter() {
        refreshIngressRouter();
        return ingressRouter;
    }

    /** Envoy Gateway's routing, recompiled when a Gateway API object, a Service or a Namespace changed. */
    public GatewayRouter gatewayRouter() {
        long revision = store.revision();
        if (revision == gatewayRouterRevision) {
            return gatewayRouter;
        }
        long since = gatewayRouterRevision;
        gatewayRouterRevision = revision;
        if (gatewayRouter == null || stale(since, GATEWAY_KINDS)) {
            gatewayRouter = GatewayRouter.of(Bootstrap.ENVOY_GATEWAY_CONTROLLER,
                    store.listForReading(GatewayClass.class, "GatewayClass"), store.listForReading(Gateway.class, "Gateway"),
                    store.listForReading(HTTPRoute.class, "HTTPRoute"),
                    store.listForReading(io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute.class, "GRPCRoute"),
                    store.listForReading(ReferenceGrant.class, "ReferenceGrant"),
                    store.listForReading(Service.class, "Service"), store.listForReading(Namespace.class, "Namespace"));
        }
        return gatewayRouter;
    }

    /** The certificate in a {@code kubernetes.io/tls} Secret's {@code tls.crt}, when it holds one (and a key). */
    java.util.Optional<academy.minicluster.net.dataplane.ingress.TlsCertificate> secretCertificate(String namespace, String name) {
        Secret secret = store.getForReading(Secret.class, "Secret", namespace, name).orElse(null);
        if (secret == null) {
            return java.util.Optional.empty();
        }
        byte[] crt = academy.minicluster.net.dataplane.ingress.TlsCertificate.secretBytes(secret, "tls.crt");
        if (academy.minicluster.net.dataplane.ingress.TlsCertificate.secretBytes(secret, "tls.key").length == 0) {
            return java.util.Optional.empty();
        }
        return academy.minicluster.net.dataplane.ingress.TlsCertificate.parse(crt, new ObjectRef("Secret", namespace, name));
    }


    /** The ReferenceGrants, as stored (for reading). */
    List<ReferenceGrant> referenceGrants() {
        return store.listForReading(ReferenceGrant.class, "ReferenceGrant");
    }

    /** A Gateway as stored (for reading), or null. */
    Gateway gateway(String namespace, String name) {
        return store.getForReading(Gateway.class, "Gateway", namespace, name).orElse(null);
    }

    /** Envoy's weighted choice among a rule's backendRefs: a number in [0, total) from the cluster's seeded generator. */
    int weightedDraw(int total) {
        return random.nextInt(total);
    }

    public PolicyIndex policies() {
        refresh();
        return tables.policies();
    }

    public CoreDns dns() {
        refresh();
        return tables.dns();
    }

    public ServiceTable services() {
        refresh();
        return tables.services();
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    SimulatedClock clock() {
        return clock;
    }

    UpstreamDns upstream() {
        return upstream;
    }

    int ephemeralPort() {
        int port = nextEphemeralPort++;
        if (nextEphemeralPort > 60999) {
            nextEphemeralPort = 40000;
        }
        return port;
    }

    /** ingress-nginx's default {@code load-balance: round_robin} over an upstream's endpoints. */
    int nextUpstreamIndex(String upstream, int size) {
        int next = upstreamRoundRobin.merge(upstream, 1, Integer::sum) - 1;
        return Math.floorMod(next, size);
    }

    // ---- where clients stand --------------------------------------------------------------------------------------

    /** The network as seen from a container of a pod ({@code kubectl exec}). */
    public ClusterNetworkView fromPod(Pod pod, String containerName) {
        refresh();
        PodContainer key = new PodContainer(pod.getMetadata().getUid(), containerName);
        ClusterNetworkView view = podViews.get(key);
        if (view == null) {
            view = viewFromPod(pod, containerName);
            podViews.put(key, view);
        }
        return view;
    }

    private ClusterNetworkView viewFromPod(Pod pod, String containerName) {
        SimulatedContainer container = runtime.container(pod, containerName).orElse(null);
        Client client;
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            client = new Client(ClientHost.Kind.NODE, pod.getStatus().getPodIP(), pod.getSpec().getNodeName(), pod,
                    ObjectRef.of(pod));
        } else {
            client = new Client(ClientHost.Kind.POD, pod.getStatus().getPodIP(), pod.getSpec().getNodeName(), pod,
                    ObjectRef.of(pod));
        }
        return ClusterNetworkView.forPod(this, client, pod, container);
    }

    /** The network as seen from a debug container in a node's network namespace. */
    public ClusterNetworkView fromNode(Node node, String image) {
        refresh();
        Client client = new Client(ClientHost.Kind.NODE, AssignedAddresses.internalIp(node),
                node.getMetadata().getName(), null, ObjectRef.of(node));
        return ClusterNetworkView.forNode(this, client, node, image);
    }

    /** The network as seen from the learner's workstation, outside the cluster on the kind Docker network. */
    public ClusterNetworkView fromWorkstation() {
        refresh();
        if (workstationView == null) {
            workstationView = ClusterNetworkView.forWorkstation(this, new Client(ClientHost.Kind.WORKSTATION,
                    ClusterNetwork.WORKSTATION_IP, null, null, null));
        }
        return workstationView;
    }

    // ---- the walk of one connection -------------------------------------------------------------------------------

    /**
     * Opens a connection from {@code client} to {@code dstIp:port}, recording every decision on the way: the
     * numbered path of ARCHITECTURE.md, one stage per decision, each handing the packet on or ending the walk.
     */
    ClusterConnection connect(Client client, String dstIp, int port, Protocol protocol) {
        refresh();
        Packet first = Packet.leaving(client, ephemeralPort(), protocol).dnat(dstIp, port);
        List<Hop> hops = new ArrayList<>();
        Step end = routeOut(first, hops)                    // 1. loopback, the kind network, MetalLB's ARP
                .then(this::serviceNat, hops)               // 2. kube-proxy: DNAT to an endpoint, SNAT, or not
                .then(this::routeToDestination, hops)       // 3. to the node that owns the address, a hostPort
                .then(this::policy, hops)                   // 4. NetworkPolicy at the destination pod
                .then(this::deliver, hops);                 // 5. whatever listens there
        return ClusterConnection.of(end, hops, first.local(), first.remote());
    }

    // ---- 1. route out of the client -------------------------------------------------------------------------------

    /**
     * Out of the client's network namespace: loopback stays in it; the workstation reaches the Internet, a node on
     * the kind network, or a load-balancer IP a node answers ARP for (MetalLB); a pod or a node puts the packet on its
     * own node, or on the node whose address it dialled.
     */
    private Step routeOut(Packet packet, List<Hop> hops) {
        Client client = packet.client();
        String dstIp = packet.dstIp();
        long dstAddress = Ipv4.parseOrNegative(dstIp); // parsed once for every CIDR test below
        if (dstAddress < 0) {
            hops.add(Hop.stop(Hop.Stage.ROUTE, Hop.Verdict.DROPPED, "no IPv4 route to " + dstIp));
            return Step.NO_ROUTE;
        }
        hops.add(Hop.pass(Hop.Stage.CLIENT, client.describe() + " connects to " + dstIp + ":" + packet.dstPort() + "/"
                + packet.protocol(), client.ref() == null ? new ObjectRef[0] : new ObjectRef[] {client.ref()}));
        if (LOOPBACK.contains((int) dstAddress)) {
            return loopback(packet, hops);
        }
        if (client.kind() != ClientHost.Kind.WORKSTATION) {
            return routeOutOfTheCluster(packet, hops);
        }
        if (SIMULATED_INTERNET.contains((int) dstAddress)) {
            return deliverToInternet(packet, hops);
        }
        if (!NODE_NETWORK.contains((int) dstAddress)) {
            String what = POD_NETWORK.contains((int) dstAddress) ? "a pod address (10.244.0.0/16)"
                    : SERVICE_NETWORK.contains((int) dstAddress) ? "a Service ClusterIP (10.96.0.0/12)" : "this address";
            hops.add(Hop.stop(Hop.Stage.ROUTE, Hop.Verdict.DROPPED, "the workstation has no route to " + dstIp
                    + ": " + what + " exists only inside the cluster; from outside, use a node IP with a "
                    + "nodePort, a load-balancer IP, or the Ingress"));
            return Step.TIMEOUT;
        }
        Node node = tables.nodes().byIp().get(dstIp);
        if (node == null) {
            Map<String, ServicePortRules> lb = tables.services().externalIp(dstIp);
            // MetalLB announces only the addresses it assigned; a Service's externalIPs are kube-proxy rules
            // on the nodes, but nothing on the kind network answers ARP for them.
            ServicePortRules any = lb == null ? null : lb.values().stream()
                    .filter(r -> dstIp.equals(AssignedAddresses.loadBalancerIp(r.service())))
                    .findFirst().orElse(null);
            if (any == null) {
                hops.add(Hop.stop(Hop.Stage.ROUTE, Hop.Verdict.DROPPED, "no host on the kind network answers for "
                        + dstIp + (lb == null ? " (no node has it, and no LoadBalancer Service was given it)"
                        : " (it is an externalIP of Service " + lb.values().iterator().next().serviceRef()
                        .namespace() + "/" + lb.values().iterator().next().serviceRef().name()
                        + ": kube-proxy on the nodes accepts it, but nothing routes it to a node from outside)")));
                return Step.NO_ROUTE;
            }
            node = announcingNode(any);
            hops.add(Hop.pass(Hop.Stage.ROUTE, "MetalLB (layer 2): node " + node.getMetadata().getName()
                    + " answers ARP for load-balancer IP " + dstIp + " of Service "
                    + any.serviceRef().namespace() + "/" + any.serviceRef().name(), any.serviceRef()));
        }
        return new Step.Continue(packet.onNode(node.getMetadata().getName()));
    }

    /**
     * A pod's or a node's packet starts on its own node; one for another node's address goes there over the kind
     * network, where that node's kube-proxy matches its node ports ({@code --dst-type LOCAL}).
     */
    private Step routeOutOfTheCluster(Packet packet, List<Hop> hops) {
        String ownNode = packet.client().nodeName();
        Node target = tables.nodes().byIp().get(packet.dstIp());
        if (target == null || target.getMetadata().getName().equals(ownNode)) {
            return new Step.Continue(packet.onNode(ownNode));
        }
        // The packet leaves the pod for another node's address: egress is judged now, on that address.
        if (!egressToHost(packet, target, hops)) {
            return Step.TIMEOUT;
        }
        hops.add(Hop.pass(Hop.Stage.ROUTE, "routed over the kind network to node " + target.getMetadata().getName()
                + " (" + packet.dstIp() + ")", ObjectRef.of(target)));
        return new Step.Continue(packet.onNode(target.getMetadata().getName()));
    }

    /** MetalLB's layer-2 speaker: a node with a ready local endpoint for Local services, else the first worker. */
    private Node announcingNode(ServicePortRules rules) {
        if (rules.externalTrafficPolicyLocal()) {
            // The first candidate with a usable local endpoint: looked up from the endpoints, not tried node by node.
            Node first = null;
            int firstIndex = Integer.MAX_VALUE;
            for (ServiceEndpoint e : rules.endpoints()) {
                Integer index = e.nodeName() == null ? null : tables.nodes().speakerIndex().get(e.nodeName());
                if (index != null && index < firstIndex && !rules.usable(e.nodeName()).isEmpty()) {
                    firstIndex = index;
                    first = tables.nodes().speakers().get(index);
                }
            }
            if (first != null) {
                return first;
            }
        }
        return tables.nodes().speakers().isEmpty() ? store.listForReading(Node.class, "Node").get(0)
                : tables.nodes().speakers().get(0);
    }

    // ---- 2. service NAT: kube-proxy -------------------------------------------------------------------------------

    /**
     * kube-proxy on the packet's node ({@link KubeProxy#route}): a Service's address is DNAT'd to an endpoint (and
     * the source SNAT'd when the traffic policy says so), rejected or dropped; anything else goes on as it is, but
     * for a Local Service's health check, which kube-proxy itself answers on every node address.
     */
    private Step serviceNat(Packet packet, List<Hop> hops) {
        Client client = packet.client();
        String node = packet.node();
        KubeProxy.Origin origin = switch (client.kind()) {
            case WORKSTATION -> KubeProxy.Origin.EXTERNAL;
            case POD -> KubeProxy.Origin.POD;
            case NODE -> KubeProxy.Origin.NODE;
        };
        Node dstNode = tables.nodes().byIp().get(packet.dstIp());
        KubeProxy.Verdict verdict = proxy.route(tables.services(), new KubeProxy.Packet(origin, packet.sourceIp(),
                client.nodeName() != null ? client.nodeName() : node, node,
                AssignedAddresses.internalIp(tables.nodes().byName().get(node)), packet.dstIp(), packet.dstPort(),
                packet.protocol(), dstNode != null));
        hops.addAll(verdict.hops());
        if (verdict instanceof KubeProxy.Reject) {
            return Step.REFUSED;
        }
        if (verdict instanceof KubeProxy.Drop) {
            return Step.TIMEOUT;
        }
        if (verdict instanceof KubeProxy.Forward f) {
            return new Step.Continue(packet.dnat(f.endpoint().ip(), f.endpoint().port()).snat(f.sourceIp()));
        }
        Service health = dstNode != null && packet.protocol() == Protocol.TCP
                ? tables.services().healthCheck(packet.dstPort()) : null;
        if (health != null) {
            return healthCheck(packet, dstNode, health, hops);
        }
        return new Step.Continue(packet);
    }

    private Step healthCheck(Packet packet, Node node, Service service, List<Hop> hops) {
        int port = packet.dstPort();
        hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-proxy on node " + node.getMetadata().getName()
                + " serves the health check of Service " + service.getMetadata().getNamespace() + "/"
                + service.getMetadata().getName() + " (externalTrafficPolicy: Local) on healthCheckNodePort " + port,
                ObjectRef.of(service)));
        return new Step.Accepted(new HealthCheckServer(this, service, node.getMetadata().getName()),
                new Server.Peer(packet.client().ip(), packet.sourcePort(), AssignedAddresses.internalIp(node), port));
    }

    // ---- 3. route to the destination ------------------------------------------------------------------------------

    /**
     * After kube-proxy, the route to what owns the destination address: a pod (on its node, over the kind network
     * when that is another one), a node (where a hostPort DNATs once more, to a pod on that node), or the outside.
     * Egress NetworkPolicy that can only be judged here (on a node's or an outside address, or before kube-proxy's
     * SNAT on the client's node) is judged here.
     */
    private Step routeToDestination(Packet packet, List<Hop> hops) {
        String dstIp = packet.dstIp();
        Pod pod = tables.pods().get(dstIp);
        if (pod != null) {
            return toPod(packet, pod, hops);
        }
        Client client = packet.client();
        Node node = tables.nodes().byIp().get(dstIp);
        boolean leavesTheClientsNode = client.kind() == ClientHost.Kind.POD && packet.sourceIp().equals(client.ip())
                && Objects.equals(packet.node(), client.nodeName());
        if (leavesTheClientsNode && (node != null || !POD_NETWORK.contains(dstIp)) && !egressToHost(packet, node, hops)) {
            return Step.TIMEOUT;
        }
        if (node != null) {
            return toNode(packet, node, hops);
        }
        if (SIMULATED_INTERNET.contains(dstIp)
                || ClusterNetwork.WORKSTATION_IP.equals(dstIp) && packet.dstPort() == 53) {
            return new Step.Continue(packet.reaching(Packet.Outside.OUTSIDE));
        }
        String why = POD_NETWORK.contains(dstIp) ? "no pod has IP " + dstIp + " (pods get new IPs when they are "
                + "replaced: an old pod IP leads nowhere)"
                : SERVICE_NETWORK.contains(dstIp) ? "no Service has ClusterIP " + dstIp
                : dstIp + " is outside the cluster, and the mini-cluster's simulated Internet has no host there";
        hops.add(Hop.stop(Hop.Stage.ROUTE, Hop.Verdict.DROPPED, why + ": the packet goes unanswered"));
        return Step.TIMEOUT;
    }

    /** To a pod's address: egress judged before kube-proxy's SNAT when the client's node rewrote it, then the route. */
    private Step toPod(Packet packet, Pod pod, List<Hop> hops) {
        Client client = packet.client();
        String fromNode = packet.node();
        String podNode = pod.getSpec().getNodeName();
        if (client.kind() == ClientHost.Kind.POD && !packet.sourceIp().equals(client.ip())
                && Objects.equals(fromNode, client.nodeName())) {
            // kube-proxy on the pod's own node rewrote the source: egress was judged at the pod, before SNAT.
            PolicyDecision egress = tables.policies().decideEgress(new Flow(new Peer.PodPeer(client.pod()),
                    new Peer.PodPeer(pod), packet.dstPort(), packet.protocol()));
            hops.addAll(egress.hops());
            if (!egress.allowed()) {
                return Step.TIMEOUT;
            }
        }
        if (fromNode != null && !fromNode.equals(podNode)) {
            Node n = tables.nodes().byName().get(podNode);
            hops.add(Hop.pass(Hop.Stage.ROUTE, "routed from node " + fromNode + " to node " + podNode + ", which owns "
                    + "podCIDR " + n.getSpec().getPodCIDR() + " (pod-to-pod traffic keeps its addresses: no NAT)",
                    ObjectRef.of(n)));
        }
        return new Step.Continue(packet.reaching(new Packet.PodAddress(pod)));
    }

    /** To a node's address: a hostPort there is the CNI portmap plugin's DNAT to a pod on that node. */
    private Step toNode(Packet packet, Node node, List<Hop> hops) {
        String nodeName = node.getMetadata().getName();
        int targetPort = packet.dstPort();
        for (Pod p : store.listForReading(Pod.class, "Pod")) {
            if (!nodeName.equals(p.getSpec().getNodeName()) || p.getStatus() == null || p.getStatus().getPodIP() == null) {
                continue;
            }
            for (Container c : p.getSpec().getContainers()) {
                if (c.getPorts() == null) {
                    continue;
                }
                for (ContainerPort cp : c.getPorts()) {
                    if (cp.getHostPort() != null && cp.getHostPort() == targetPort
                            && Protocol.parse(cp.getProtocol()) == packet.protocol()) {
                        if (Boolean.TRUE.equals(p.getSpec().getHostNetwork())) {
                            break;
                        }
                        hops.add(Hop.pass(Hop.Stage.NAT, "hostPort " + targetPort + " on node " + nodeName
                                + " -> pod " + p.getMetadata().getName() + " " + p.getStatus().getPodIP() + ":"
                                + cp.getContainerPort() + " (CNI portmap DNAT)", ObjectRef.of(p)));
                        return toPod(packet.dnat(p.getStatus().getPodIP(), cp.getContainerPort()).onNode(nodeName), p,
                                hops);
                    }
                }
            }
        }
        return new Step.Continue(packet.reaching(new Packet.NodeAddress(node)));
    }

    // ---- 4. NetworkPolicy ----------------------------------------------------------------------------------------

    /**
     * NetworkPolicy at the destination pod, on the packet as it arrives (after DNAT, with the source it has then):
     * the CNI judges the sender's egress and the receiver's ingress ({@link PolicyIndex#decide}).
     */
    private Step policy(Packet packet, List<Hop> hops) {
        if (!(packet.destination() instanceof Packet.PodAddress to)) {
            return new Step.Continue(packet);
        }
        PolicyDecision decision = tables.policies().decide(new Flow(sourcePeer(packet), new Peer.PodPeer(to.pod()),
                packet.dstPort(), packet.protocol()));
        hops.addAll(decision.hops());
        return decision.allowed() ? new Step.Continue(packet) : Step.TIMEOUT;
    }

    /**
     * NetworkPolicy egress for a pod's packet to a host: a node's address (not rewritten by kube-proxy on the pod's
     * own node) or an address outside the cluster. The CNI judges it at the pod, on that address, so only
     * {@code ipBlock} rules can allow it; traffic to the pod's own node is always allowed.
     */
    private boolean egressToHost(Packet packet, Node host, List<Hop> hops) {
        Client client = packet.client();
        if (client.kind() != ClientHost.Kind.POD) {
            return true;
        }
        PolicyDecision decision = tables.policies().decide(new Flow(new Peer.PodPeer(client.pod()),
                new Peer.HostPeer(packet.dstIp(), host == null ? null : host.getMetadata().getName()),
                packet.dstPort(), packet.protocol()));
        hops.addAll(decision.hops());
        return decision.allowed();
    }

    /** Who the destination's policy sees as the sender: the client pod, a node (after SNAT), or an outside host. */
    private Peer sourcePeer(Packet packet) {
        Client client = packet.client();
        String sourceIp = packet.sourceIp();
        if (client.kind() == ClientHost.Kind.POD && sourceIp.equals(client.ip())) {
            return new Peer.PodPeer(client.pod());
        }
        Node node = tables.nodes().byIp().get(sourceIp);
        if (node != null) {
            return new Peer.HostPeer(sourceIp, node.getMetadata().getName());
        }
        if (POD_NETWORK.contains(sourceIp) && sourceIp.endsWith(".1")) {
            // The node's bridge address, used by hairpin SNAT: traffic from the node itself.
            for (Node n : tables.nodes().byName().values()) {
                if (Ipv4.Cidr.parse(n.getSpec().getPodCIDR()).contains(sourceIp)) {
                    return new Peer.HostPeer(sourceIp, n.getMetadata().getName());
                }
            }
        }
        Pod pod = tables.pods().get(sourceIp);
        if (pod != null) {
            return new Peer.PodPeer(pod);
        }
        return new Peer.HostPeer(sourceIp, null);
    }

    // ---- 5. deliver: whatever listens -----------------------------------------------------------------------------

    /** Hands the packet to what listens where it arrived: a pod's container, a node's listeners, or the outside. */
    private Step deliver(Packet packet, List<Hop> hops) {
        Packet.Destination to = packet.destination();
        if (to instanceof Packet.PodAddress pod) {
            return deliverToPod(packet, pod.pod(), hops);
        }
        if (to instanceof Packet.NodeAddress node) {
            return deliverToNode(packet, node.node(), hops);
        }
        if (SIMULATED_INTERNET.contains(packet.dstIp())) {
            return deliverToInternet(packet, hops);
        }
        hops.add(Hop.pass(Hop.Stage.DNS, "the kind network's gateway " + packet.dstIp() + " answers DNS for the nodes "
                + "(Docker's resolver), forwarding to the upstream DNS"));
        return new Step.Accepted(new ResolverServer(upstream), packet.peer());
    }

    /** A container of the pod listening on the port, or the pod's kernel refusing. */
    private Step deliverToPod(Packet packet, Pod pod, List<Hop> hops) {
        ObjectRef podRef = ObjectRef.of(pod);
        int targetPort = packet.dstPort();
        Protocol protocol = packet.protocol();
        Map<String, SimulatedContainer> containers = runtime.containers(pod);
        for (Map.Entry<String, SimulatedContainer> e : containers.entrySet()) {
            SimulatedContainer c = e.getValue();
            if (c.isRunning() && c.listensOn(targetPort, protocol)) {
                hops.add(Hop.pass(Hop.Stage.CONTAINER, "container " + e.getKey() + " of pod " + pod.getMetadata().getName()
                        + " (" + c.label() + ") listens on " + targetPort + "/"
                        + protocol, podRef));
                return new Step.Accepted(new ContainerServer(pod, c, targetPort, this), packet.peer());
            }
        }
        String listening = describeListeners(containers);
        hops.add(Hop.stop(Hop.Stage.CONTAINER, Hop.Verdict.REFUSED, "nothing listens on " + packet.dstIp() + ":"
                + targetPort + "/" + protocol + " in pod " + pod.getMetadata().getName() + " (" + listening
                + "); the pod's kernel answers with a reset: connection refused", podRef));
        return Step.REFUSED;
    }

    private static String describeListeners(Map<String, SimulatedContainer> containers) {
        if (containers.isEmpty()) {
            return "its containers have not started";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, SimulatedContainer> e : containers.entrySet()) {
            SimulatedContainer c = e.getValue();
            if (!c.isRunning()) {
                parts.add("container " + e.getKey() + " is not running: " + c.notRunningReason().orElse(""));
            } else if (c.listeners().isEmpty()) {
                parts.add("container " + e.getKey() + " listens on nothing");
            } else {
                parts.add("container " + e.getKey() + " listens on " + c.listeners().stream()
                        .map(l -> l.port() + "/" + l.protocol()).reduce((a, b) -> a + ", " + b).orElse(""));
            }
        }
        return String.join("; ", parts);
    }

    /** On a node's own address: a hostNetwork pod, kube-proxy's health server, the API server, or a reset. */
    private Step deliverToNode(Packet packet, Node node, List<Hop> hops) {
        String nodeName = node.getMetadata().getName();
        String targetIp = packet.dstIp();
        int targetPort = packet.dstPort();
        Protocol protocol = packet.protocol();
        // hostNetwork pods listen on the node's own addresses.
        for (Pod p : store.listForReading(Pod.class, "Pod")) {
            if (nodeName.equals(p.getSpec().getNodeName()) && Boolean.TRUE.equals(p.getSpec().getHostNetwork())) {
                for (Map.Entry<String, SimulatedContainer> e : runtime.containers(p).entrySet()) {
                    if (e.getValue().isRunning() && e.getValue().listensOn(targetPort, protocol)) {
                        hops.add(Hop.pass(Hop.Stage.CONTAINER, "container " + e.getKey() + " of hostNetwork pod "
                                + p.getMetadata().getName() + " listens on node " + nodeName + " port " + targetPort
                                + "/" + protocol, ObjectRef.of(p)));
                        return new Step.Accepted(new ContainerServer(p, e.getValue(), targetPort, this), packet.peer());
                    }
                }
            }
        }
        if (targetPort == KubeProxyServer.HEALTHZ_PORT && protocol == Protocol.TCP) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-proxy's health server listens on " + targetIp + ":"
                    + targetPort + " (healthzBindAddress 0.0.0.0:10256)", ObjectRef.of(node)));
            return new Step.Accepted(new KubeProxyServer(node, targetPort, profile.proxyMode(), clock), packet.peer());
        }
        if (nodeName.equals(ClusterNetwork.CONTROL_PLANE) && targetPort == 6443 && protocol == Protocol.TCP) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-apiserver listens on " + targetIp + ":6443",
                    ObjectRef.of(node)));
            return new Step.Accepted(new ApiServerServer(), packet.peer());
        }
        hops.add(Hop.stop(Hop.Stage.CONTAINER, Hop.Verdict.REFUSED, "nothing listens on node " + nodeName + " port "
                + targetPort + "/" + protocol + " (no nodePort, hostPort or hostNetwork pod there): connection refused",
                ObjectRef.of(node)));
        return Step.REFUSED;
    }

    /** A host of the simulated Internet, reached out of the cluster through the client's node (or the workstation). */
    private Step deliverToInternet(Packet packet, List<Hop> hops) {
        Client client = packet.client();
        String dstIp = packet.dstIp();
        int port = packet.dstPort();
        String name = upstream.nameOf(dstIp).orElse(null);
        if (name == null || packet.protocol() != Protocol.TCP || (port != 80 && port != 443)) {
            hops.add(Hop.stop(Hop.Stage.ROUTE, Hop.Verdict.DROPPED, dstIp + " is outside the cluster; the simulated "
                    + "Internet has no server on port " + port + "/" + packet.protocol() + " there"));
            return Step.TIMEOUT;
        }
        String via = client.kind() == ClientHost.Kind.WORKSTATION ? "" : " via node " + client.nodeName()
                + " (SNAT to the node's address, then out through the kind network)";
        hops.add(Hop.pass(Hop.Stage.ROUTE, "out of the cluster to " + name + " (" + dstIp + ")" + via));
        return new Step.Accepted(new InternetServer(name, clock), new Server.Peer(client.ip(), packet.sourcePort(),
                dstIp, port));
    }

    /**
     * Loopback, inside the client's own network namespace: a container of the same pod, a {@code kubectl
     * port-forward} on the workstation, kube-proxy's own servers on a node, a Local Service's health check, the
     * workstation's stub resolver.
     */
    private Step loopback(Packet packet, List<Hop> hops) {
        Client client = packet.client();
        String dstIp = packet.dstIp();
        int port = packet.dstPort();
        Protocol protocol = packet.protocol();
        Server.Peer local = new Server.Peer("127.0.0.1", packet.sourcePort(), dstIp, port);
        if (client.kind() == ClientHost.Kind.POD) {
            Pod pod = client.pod();
            for (Map.Entry<String, SimulatedContainer> e : runtime.containers(pod).entrySet()) {
                if (e.getValue().isRunning() && e.getValue().listensOn(port, protocol)) {
                    hops.add(Hop.pass(Hop.Stage.CONTAINER, "localhost: container " + e.getKey() + " of the same pod "
                            + "listens on " + port + "/" + protocol + " (containers of a pod share one network "
                            + "namespace)", ObjectRef.of(pod)));
                    return new Step.Accepted(new ContainerServer(pod, e.getValue(), port, this), local);
                }
            }
        }
        PortForward forward = client.kind() == ClientHost.Kind.WORKSTATION && protocol == Protocol.TCP
                ? portForwards.get(port) : null;
        if (forward != null) {
            return portForwarded(packet, forward, hops);
        }
        Node self = client.kind() == ClientHost.Kind.NODE ? tables.nodes().byName().get(client.nodeName()) : null;
        if (self != null && protocol == Protocol.TCP
                && (port == KubeProxyServer.METRICS_PORT || port == KubeProxyServer.HEALTHZ_PORT)) {
            hops.add(Hop.pass(Hop.Stage.CONTAINER, "kube-proxy on node " + client.nodeName() + " listens on " + dstIp
                    + ":" + port + (port == KubeProxyServer.METRICS_PORT ? " (its metrics server, 127.0.0.1 only)"
                    : " (its health server)"), ObjectRef.of(self)));
            return new Step.Accepted(new KubeProxyServer(self, port, profile.proxyMode(), clock), local);
        }
        // A Local Service's health check listens on every node address, localhost included (nodePortAddresses unset).
        Service health = self != null && protocol == Protocol.TCP ? tables.services().healthCheck(port) : null;
        if (health != null) {
            return healthCheck(packet, self, health, hops);
        }
        if (client.kind() == ClientHost.Kind.WORKSTATION && port == 53) {
            hops.add(Hop.pass(Hop.Stage.DNS, "the workstation's local resolver (" + dstIp + ") forwards to its "
                    + "upstream DNS"));
            return new Step.Accepted(new ResolverServer(upstream), local);
        }
        hops.add(Hop.stop(Hop.Stage.CONTAINER, Hop.Verdict.REFUSED, "nothing listens on " + dstIp + ":" + port + "/"
                + protocol + " in the client's own network namespace: connection refused"));
        return Step.REFUSED;
    }

    /** {@code kubectl port-forward}: the workstation port carried to the pod through the API server and kubelet. */
    private Step portForwarded(Packet packet, PortForward forward, List<Hop> hops) {
        int port = packet.dstPort();
        Pod pod = store.getForReading(Pod.class, "Pod", forward.namespace(), forward.pod()).orElse(null);
        if (pod != null) {
            for (Map.Entry<String, SimulatedContainer> e : runtime.containers(pod).entrySet()) {
                if (e.getValue().isRunning() && e.getValue().listensOn(forward.podPort(), packet.protocol())) {
                    hops.add(Hop.pass(Hop.Stage.CONTAINER, "kubectl port-forward: 127.0.0.1:" + port + " on the "
                            + "workstation to port " + forward.podPort() + " of pod " + forward.namespace() + "/"
                            + forward.pod() + " (through the API server and the kubelet, not the pod network)",
                            ObjectRef.of(pod)));
                    return new Step.Accepted(new ContainerServer(pod, e.getValue(), forward.podPort(), this),
                            new Server.Peer("127.0.0.1", packet.sourcePort(), packet.dstIp(), forward.podPort()));
                }
            }
        }
        hops.add(Hop.stop(Hop.Stage.CONTAINER, Hop.Verdict.REFUSED, "kubectl port-forward holds 127.0.0.1:" + port
                + ", but nothing listens on port " + forward.podPort() + " of pod " + forward.namespace() + "/"
                + forward.pod() + " any more: the forward answers with a reset"));
        return Step.REFUSED;
    }
}
