package academy.minicluster.net.dataplane;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.ObjectStore;
import academy.minicluster.net.dataplane.dns.ClusterDnsZone;
import academy.minicluster.net.dataplane.dns.CoreDns;
import academy.minicluster.net.dataplane.dns.UpstreamDns;
import academy.minicluster.net.dataplane.ingress.IngressRouter;
import academy.minicluster.net.dataplane.policy.PolicyIndex;
import academy.minicluster.net.dataplane.proxy.ServiceTable;
import academy.minicluster.net.profile.ClusterNetwork;
import academy.minicluster.net.profile.ClusterProfile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the packet walk reads, compiled from the cluster's objects at one revision of the object store: kube-proxy's
 * service rules, the NetworkPolicy index, CoreDNS with its zone, ingress-nginx's routes, and which pod or node owns
 * each address. Built when the cluster changed (before the next packet), never changed by a walk: kube-proxy's
 * split between syncing the rules and the kernel walking them. What the walk itself remembers between connections
 * (kube-proxy's affinity and round-robin, ephemeral ports) lives beside it in {@link DataPlane}, not in here.
 *
 * @param revision  the object store's revision the tables were compiled at
 * @param services  kube-proxy's rules: ClusterIPs, nodePorts, external and load-balancer IPs, health checks
 * @param pods      the pod that owns each pod IP (hostNetwork pods own no address of their own)
 * @param nodes     the node that owns each node address, and the nodes MetalLB announces from
 * @param policies  the NetworkPolicy index: which policies select a pod, and their verdict on a flow
 * @param dns       CoreDNS: the cluster zone and the upstream it forwards to
 * @param ingress   ingress-nginx's routing table
 */
record DataPlaneTables(long revision, ServiceTable services, Map<String, Pod> pods, Nodes nodes, PolicyIndex policies,
                       CoreDns dns, IngressRouter ingress) {

    private static final List<String> SERVICE_TABLE_KINDS = List.of("Service", "EndpointSlice");
    private static final List<String> POD_KINDS = List.of("Pod");
    private static final List<String> NODE_KINDS = List.of("Node");
    private static final List<String> POLICY_KINDS = List.of("NetworkPolicy", "Namespace");
    private static final List<String> DNS_KINDS = List.of("Service", "EndpointSlice", "Pod", "Namespace");

    /**
     * The nodes by address and by name, and MetalLB's speakers: the nodes not excluded from external load
     * balancers, in node order, with each one's position.
     */
    record Nodes(Map<String, Node> byIp, Map<String, Node> byName, List<Node> speakers,
                 Map<String, Integer> speakerIndex) {
    }

    /** No tables yet: the first {@link #compile} compiles every part. */
    static final DataPlaneTables NONE = new DataPlaneTables(-1, null, Map.of(), null, null, null, null);

    /**
     * These tables for a forked cluster's data plane, which holds the same objects at the same revision: every part
     * is shared (immutable, and compiled from objects that neither store changes in place once forked, see
     * {@code ObjectStore#fork}) except CoreDNS, whose memo of answers is written by lookups: the fork gets a CoreDNS
     * of its own over the same zone, its memo empty. An answer is a function of the zone and the question, so the
     * fork answers as one compiled from its own objects would (the same objects, hence the same tables), without
     * compiling them again on its first probe: a check forks the learner's cluster to run its probes on.
     */
    DataPlaneTables forFork() {
        return dns == null ? this
                : new DataPlaneTables(revision, services, pods, nodes, policies, dns.withEmptyMemo(), ingress);
    }

    /**
     * The tables at the store's current revision. Each part is compiled again only when an object of a kind it is
     * compiled from was written since {@code previous}, so a probe after a write pays for that write's kinds, not
     * for the whole cluster; the other parts are {@code previous}'s, shared (they are immutable).
     *
     * @param ingress ingress-nginx's routes at this revision (compiled apart: the Ingress status controller asks for
     *                them after every write)
     */
    static DataPlaneTables compile(ObjectStore store, ClusterProfile profile, UpstreamDns upstream,
                                   IngressRouter ingress, DataPlaneTables previous) {
        long since = previous.revision;
        ServiceTable services = stale(store, since, SERVICE_TABLE_KINDS)
                ? ServiceTable.compile(store.listForReading(Service.class, "Service"),
                        store.listForReading(EndpointSlice.class, "EndpointSlice"))
                : previous.services;
        Map<String, Pod> pods = stale(store, since, POD_KINDS) ? podsByIp(store) : previous.pods;
        Nodes nodes = stale(store, since, NODE_KINDS) ? nodes(store) : previous.nodes;
        PolicyIndex policies = stale(store, since, POLICY_KINDS)
                ? PolicyIndex.of(store.listForReading(NetworkPolicy.class, "NetworkPolicy"),
                        store.listForReading(Namespace.class, "Namespace"), profile.networkPolicyEnforced())
                : previous.policies;
        CoreDns dns = stale(store, since, DNS_KINDS)
                ? CoreDns.of(ClusterDnsZone.of(ClusterNetwork.CLUSTER_DOMAIN,
                        store.listForReading(Service.class, "Service"),
                        store.listForReading(EndpointSlice.class, "EndpointSlice"),
                        store.listForReading(Pod.class, "Pod"),
                        store.listForReading(Namespace.class, "Namespace")), upstream)
                : previous.dns;
        return new DataPlaneTables(store.revision(), services, pods, nodes, policies, dns, ingress);
    }

    private static boolean stale(ObjectStore store, long since, List<String> kinds) {
        return since < 0 || store.changedSince(since, kinds);
    }

    private static Map<String, Pod> podsByIp(ObjectStore store) {
        Map<String, Pod> byIp = new HashMap<>();
        for (Pod p : store.listForReading(Pod.class, "Pod")) {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null
                    && !Boolean.TRUE.equals(p.getSpec().getHostNetwork())) {
                byIp.put(p.getStatus().getPodIP(), p);
            }
        }
        return Collections.unmodifiableMap(byIp);
    }

    private static Nodes nodes(ObjectStore store) {
        // HashMaps wrapped, not Map.copyOf: the walk iterates byName, and Map.copyOf's order changes from run to run.
        Map<String, Node> byIp = new HashMap<>();
        Map<String, Node> byName = new HashMap<>();
        List<Node> speakers = new ArrayList<>();
        Map<String, Integer> speakerIndex = new HashMap<>();
        for (Node n : store.listForReading(Node.class, "Node")) {
            byIp.put(AssignedAddresses.internalIp(n), n);
            byName.put(n.getMetadata().getName(), n);
            Map<String, String> labels = n.getMetadata().getLabels();
            if (labels == null || !labels.containsKey("node.kubernetes.io/exclude-from-external-load-balancers")) {
                speakerIndex.put(n.getMetadata().getName(), speakers.size());
                speakers.add(n);
            }
        }
        return new Nodes(Collections.unmodifiableMap(byIp), Collections.unmodifiableMap(byName),
                Collections.unmodifiableList(speakers), Collections.unmodifiableMap(speakerIndex));
    }
}
