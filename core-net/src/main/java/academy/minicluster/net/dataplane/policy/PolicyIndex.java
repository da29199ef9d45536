package academy.minicluster.net.dataplane.policy;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.trace.Hop.Stage;
import academy.minicluster.net.trace.Hop.Verdict;
import academy.minicluster.net.dataplane.policy.Peer.HostPeer;
import academy.minicluster.net.dataplane.policy.Peer.PodPeer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The NetworkPolicy part of the data plane: every NetworkPolicy compiled and grouped by namespace, answering whether
 * a (post-DNAT) {@link Flow} may open and why. It is rebuilt when policies or namespaces change; deciding a flow
 * looks only at the policies of the source's and the destination's namespaces.
 *
 * <p>The rules, as a NetworkPolicy-enforcing CNI (Calico) applies them ({@code network-policies.md}):
 * <ul>
 *   <li>A pod is isolated for ingress (egress) when some policy of its namespace selects it and has
 *       {@code Ingress} ({@code Egress}) among its {@linkplain PolicyType#effective effective policyTypes}; a
 *       direction nobody isolates allows everything.</li>
 *   <li>An isolated direction allows the union of the rules of the policies isolating it; no rule denies.</li>
 *   <li>A connection needs egress allowed at its source pod and ingress allowed at its destination pod.</li>
 *   <li>A pod can always reach itself, and traffic between a pod and its own node is always allowed.</li>
 * </ul>
 *
 * <p>Choices where Kubernetes leaves one to the implementation (section 8 of the semantics): a
 * {@code hostNetwork: true} pod is treated as its node — no policy selects it, its traffic is node traffic, and
 * pod/namespace selectors do not match it; only an {@code ipBlock} holding its (node) IP does. {@code ipBlock} sees
 * the post-DNAT, pre-SNAT addresses of the flow, pod IPs included. With {@code enforced=false} (a CNI such as
 * flannel that implements no NetworkPolicy) every flow is allowed, with a hop that says so.
 */
public final class PolicyIndex {

    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Map<String, List<CompiledPolicy>> policiesByNamespace;
    private final Map<String, Map<String, String>> namespaceLabels;
    private final boolean enforced;

    private PolicyIndex(Map<String, List<CompiledPolicy>> policiesByNamespace,
                        Map<String, Map<String, String>> namespaceLabels, boolean enforced) {
        this.policiesByNamespace = policiesByNamespace;
        this.namespaceLabels = namespaceLabels;
        this.enforced = enforced;
    }

    /**
     * Compiles {@code policies}, grouped by namespace and ordered by name; {@code namespaces} give the labels that
     * namespace selectors test (every namespace carries {@code kubernetes.io/metadata.name=<name>}, listed or not).
     *
     * @param enforced whether the cluster's CNI enforces NetworkPolicy (Calico: yes; flannel: no)
     */
    public static PolicyIndex of(Collection<NetworkPolicy> policies, Collection<Namespace> namespaces, boolean enforced) {
        Map<String, List<CompiledPolicy>> byNamespace = new TreeMap<>();
        for (NetworkPolicy policy : policies) {
            CompiledPolicy compiled = CompiledPolicy.compile(policy);
            byNamespace.computeIfAbsent(compiled.ref().namespace(), ns -> new ArrayList<>()).add(compiled);
        }
        byNamespace.replaceAll((ns, list) -> list.stream()
                .sorted(Comparator.comparing(CompiledPolicy::ref)).toList());
        Map<String, Map<String, String>> labels = new TreeMap<>();
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            Map<String, String> own = new TreeMap<>();
            if (namespace.getMetadata().getLabels() != null) {
                own.putAll(namespace.getMetadata().getLabels());
            }
            own.put(NAMESPACE_NAME_LABEL, name);
            labels.put(name, Map.copyOf(own));
        }
        return new PolicyIndex(Map.copyOf(byNamespace), Map.copyOf(labels), enforced);
    }

    public boolean enforced() {
        return enforced;
    }

    /** The NetworkPolicies that select {@code pod} (in either direction), ordered by name. */
    public List<ObjectRef> policiesSelecting(Pod pod) {
        PodPeer peer = new PodPeer(pod);
        if (peer.hostNetwork()) {
            return List.of();
        }
        return policiesOf(peer.namespace()).stream()
                .filter(p -> p.selects(peer.labels())).map(CompiledPolicy::ref).toList();
    }

    /** Whether {@code flow} may open, with the egress and ingress hops that say why. */
    public PolicyDecision decide(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        FlowEnd source = resolve(flow.source());
        FlowEnd destination = resolve(flow.destination());
        if (!enforced) {
            return new PolicyDecision(true, List.of(notEnforced(source, destination)));
        }
        boolean self = flow.source() instanceof PodPeer s && flow.destination() instanceof PodPeer d && s.isSamePod(d);
        List<Hop> hops = new ArrayList<>();
        if (flow.source() instanceof PodPeer) {
            Hop egress = egress(source, destination, flow, self);
            hops.add(egress);
            if (!egress.passed()) {
                return new PolicyDecision(false, hops);
            }
        }
        if (flow.destination() instanceof PodPeer) {
            Hop ingress = ingress(source, destination, flow, self);
            hops.add(ingress);
            if (!ingress.passed()) {
                return new PolicyDecision(false, hops);
            }
        }
        return new PolicyDecision(true, hops);
    }

    /**
     * Only the egress half of {@link #decide}, for a pod's connection whose source kube-proxy rewrote (SNAT) on the
     * pod's own node: the CNI's egress check at the pod saw the pod's address, the destination's ingress check sees
     * the rewritten one. Allowed without a hop when policies are not enforced ({@link #decide} says so).
     */
    public PolicyDecision decideEgress(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        if (!enforced || !(flow.source() instanceof PodPeer)) {
            return new PolicyDecision(true, List.of());
        }
        FlowEnd source = resolve(flow.source());
        FlowEnd destination = resolve(flow.destination());
        boolean self = flow.destination() instanceof PodPeer d && ((PodPeer) flow.source()).isSamePod(d);
        Hop egress = egress(source, destination, flow, self);
        return new PolicyDecision(egress.passed(), List.of(egress));
    }

    private Hop egress(FlowEnd source, FlowEnd destination, Flow flow, boolean self) {
        String subject = "egress from " + source.text() + " to " + (self ? "itself" : destination.text())
                + " port " + flow.portText();
        if (source.hostNetworkPod()) {
            return Hop.pass(Stage.POLICY, "egress from " + source.text()
                    + ": not subject to NetworkPolicy (a hostNetwork pod's traffic is its node's)");
        }
        if (self) {
            return Hop.pass(Stage.POLICY, subject + ": allowed: a pod can always reach itself");
        }
        if (destination.isNodeTraffic() && Objects.equals(destination.nodeName(), source.nodeName())) {
            return Hop.pass(Stage.POLICY, subject
                    + ": allowed: traffic between a pod and its own node is always allowed");
        }
        return judge(new Direction(PolicyType.EGRESS, source, destination, flow), "egress from " + source.text(),
                subject);
    }

    private Hop ingress(FlowEnd source, FlowEnd destination, Flow flow, boolean self) {
        String subject = "ingress to " + destination.text() + " port " + flow.portText();
        if (destination.hostNetworkPod()) {
            return Hop.pass(Stage.POLICY, subject
                    + ": not subject to NetworkPolicy (a hostNetwork pod's traffic is its node's)");
        }
        if (self) {
            return Hop.pass(Stage.POLICY, subject + " from itself: allowed: a pod can always reach itself");
        }
        if (source.isNodeTraffic() && Objects.equals(source.nodeName(), destination.nodeName())) {
            return Hop.pass(Stage.POLICY, subject + " from " + source.text()
                    + ": allowed: traffic between a pod and its own node is always allowed");
        }
        return judge(new Direction(PolicyType.INGRESS, source, destination, flow), "ingress to " + destination.text(),
                subject);
    }

    /**
     * One direction of a flow as the CNI judges it: egress at the source pod, the destination the remote end;
     * ingress at the destination pod, the source the remote end.
     */
    private record Direction(PolicyType type, FlowEnd source, FlowEnd destination, Flow flow) {

        /** The pod whose policies judge this direction. */
        FlowEnd local() {
            return type == PolicyType.EGRESS ? source : destination;
        }

        /** The other end, which those policies' peers must allow. */
        FlowEnd remote() {
            return type == PolicyType.EGRESS ? destination : source;
        }
    }

    /**
     * Judges one direction at its local pod: isolated or not, and if isolated, which rules allow the remote end
     * (on the destination pod's port).
     */
    private Hop judge(Direction direction, String shortSubject, String subject) {
        PolicyType type = direction.type();
        FlowEnd local = direction.local();
        FlowEnd remote = direction.remote();
        Flow flow = direction.flow();
        Pod destinationPod = direction.destination().pod();
        List<CompiledPolicy> selecting = new ArrayList<>();
        List<CompiledPolicy> isolating = new ArrayList<>();
        for (CompiledPolicy policy : policiesOf(local.namespace())) {
            if (policy.selects(local.labels())) {
                selecting.add(policy);
                if (policy.isolates(type)) {
                    isolating.add(policy);
                }
            }
        }
        if (isolating.isEmpty()) {
            return Hop.pass(Stage.POLICY, shortSubject + ": " + notIsolated(type, selecting), refs(selecting));
        }
        Map<CompiledPolicy, List<Integer>> allowing = new LinkedHashMap<>();
        List<String> otherPorts = new ArrayList<>();
        for (CompiledPolicy policy : isolating) {
            for (PolicyRule rule : policy.rules(type)) {
                if (!rule.allowsPeer(remote)) {
                    continue;
                }
                if (rule.allowsPort(flow, destinationPod)) {
                    allowing.computeIfAbsent(policy, p -> new ArrayList<>()).add(rule.number());
                } else {
                    otherPorts.add("NetworkPolicy " + policy.path() + " rule " + rule.number() + " allows it only on "
                            + rule.describePorts());
                }
            }
        }
        if (!allowing.isEmpty()) {
            String by = allowing.entrySet().stream()
                    .map(e -> "NetworkPolicy " + e.getKey().path() + " (" + (e.getValue().size() == 1 ? "rule " : "rules ")
                            + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", "));
            return Hop.pass(Stage.POLICY, subject + ": allowed by " + by,
                    allowing.keySet().stream().map(CompiledPolicy::ref).toArray(ObjectRef[]::new));
        }
        String denial = subject + ": denied: isolated by " + names(isolating) + "; no " + type.word()
                + " rule allows " + remote.text()
                + (otherPorts.isEmpty() ? "" : " (" + String.join("; ", otherPorts) + ")");
        return Hop.stop(Stage.POLICY, Verdict.DROPPED, denial, refs(isolating));
    }

    private static String notIsolated(PolicyType type, List<CompiledPolicy> selecting) {
        if (selecting.isEmpty()) {
            return "not isolated (no NetworkPolicy selects it)";
        }
        if (selecting.size() == 1) {
            CompiledPolicy only = selecting.get(0);
            String types = only.types().stream().sorted().map(PolicyType::apiName).collect(Collectors.joining(", "));
            return "not isolated (NetworkPolicy " + only.path() + " selects it, but its policyTypes are [" + types + "])";
        }
        return "not isolated (" + names(selecting) + " select it, but none has " + type.apiName()
                + " in its policyTypes)";
    }

    private Hop notEnforced(FlowEnd source, FlowEnd destination) {
        List<CompiledPolicy> ignored = new ArrayList<>();
        if (source.isPod()) {
            policiesOf(source.namespace()).stream()
                    .filter(p -> p.selects(source.labels()) && p.isolates(PolicyType.EGRESS)).forEach(ignored::add);
        }
        if (destination.isPod()) {
            policiesOf(destination.namespace()).stream()
                    .filter(p -> p.selects(destination.labels()) && p.isolates(PolicyType.INGRESS))
                    .filter(p -> !ignored.contains(p)).forEach(ignored::add);
        }
        String text = "NetworkPolicy not enforced: this cluster's CNI does not implement NetworkPolicy";
        if (!ignored.isEmpty()) {
            text += "; " + names(ignored) + (ignored.size() == 1 ? " has" : " have") + " no effect";
        }
        return Hop.pass(Stage.POLICY, text, refs(ignored));
    }

    private List<CompiledPolicy> policiesOf(String namespace) {
        return namespace == null ? List.of() : policiesByNamespace.getOrDefault(namespace, List.of());
    }

    private FlowEnd resolve(Peer peer) {
        if (peer instanceof HostPeer host) {
            return new FlowEnd(null, null, Map.of(), Map.of(), host.ip(), host.nodeName(), false, host.describe());
        }
        PodPeer pod = (PodPeer) peer;
        String namespace = pod.namespace();
        Map<String, String> nsLabels = namespaceLabels.getOrDefault(namespace, Map.of(NAMESPACE_NAME_LABEL, namespace));
        if (pod.hostNetwork()) {
            return new FlowEnd(null, namespace, pod.labels(), nsLabels, pod.ip(), pod.nodeName(), true,
                    pod.describe() + " (hostNetwork)");
        }
        return new FlowEnd(pod.pod(), namespace, pod.labels(), nsLabels, pod.ip(), pod.nodeName(), false,
                pod.describe());
    }

    /** {@code NetworkPolicy x/a} or {@code NetworkPolicies x/a, x/b}. */
    private static String names(List<CompiledPolicy> policies) {
        return (policies.size() == 1 ? "NetworkPolicy " : "NetworkPolicies ")
                + policies.stream().map(CompiledPolicy::path).collect(Collectors.joining(", "));
    }

    private static ObjectRef[] refs(List<CompiledPolicy> policies) {
        ObjectRef[] refs = new ObjectRef[policies.size()];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = policies.get(i).ref();
        }
        return refs;
    }
}
