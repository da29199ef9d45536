package academy.minicluster.net.controller;

import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ObjectKey;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one scheduling run sees, as kube-scheduler's cache does: the nodes in order, the pods bound to each (not
 * finished), kept up to date as the run binds pods, and the namespaces' labels for {@code namespaceSelector}.
 */
final class SchedulingSnapshot {

    /** A pod on a node. */
    record Placed(Pod pod, Node node) {
    }

    final List<Node> nodes;
    private final Map<String, Node> nodesByName = new LinkedHashMap<>();
    private final List<Placed> placed = new ArrayList<>();
    /** The placed pods with required anti-affinity, and with preferred pod (anti-)affinity: usually none. */
    private final List<Placed> withRequiredAntiAffinity = new ArrayList<>();
    private final List<Placed> withPreferredTerms = new ArrayList<>();
    private final Set<ObjectKey> placedKeys = new HashSet<>();
    private final Map<String, Integer> podsPerNode = new HashMap<>();
    private final Map<String, Map<String, Integer>> podsByOwnerUid = new HashMap<>();
    private final Supplier<List<Namespace>> namespaceLister;
    private Map<String, Map<String, String>> namespaceLabels;

    SchedulingSnapshot(List<Node> nodes, List<Pod> pods, Supplier<List<Namespace>> namespaces) {
        this.nodes = nodes;
        this.namespaceLister = namespaces;
        for (Node n : nodes) {
            nodesByName.put(n.getMetadata().getName(), n);
        }
        for (Pod pod : pods) {
            String nodeName = pod.getSpec().getNodeName();
            if (nodeName != null && !nodeName.isEmpty() && !Scheduler.terminal(pod)) {
                add(pod, nodeName);
            }
        }
    }

    void add(Pod pod, String nodeName) {
        podsPerNode.merge(nodeName, 1, Integer::sum);
        var owner = Owners.controllerOf(pod);
        if (owner != null) {
            podsByOwnerUid.computeIfAbsent(nodeName, n -> new HashMap<>()).merge(owner.getUid(), 1, Integer::sum);
        }
        Node node = nodesByName.get(nodeName);
        if (node != null && placedKeys.add(ObjectKey.of(pod))) {
            Placed p = new Placed(pod, node);
            placed.add(p);
            if (!InterPodAffinity.requiredAntiAffinity(pod).isEmpty()) {
                withRequiredAntiAffinity.add(p);
            }
            if (InterPodAffinity.hasPreferred(pod)) {
                withPreferredTerms.add(p);
            }
        }
    }

    /** The pods on nodes, in the order they were listed, then bound. */
    List<Placed> placed() {
        return placed;
    }

    List<Placed> withRequiredAntiAffinity() {
        return withRequiredAntiAffinity;
    }

    List<Placed> withPreferredTerms() {
        return withPreferredTerms;
    }

    /** Pods of the same controlling owner on the node. */
    int sameOwner(String nodeName, Pod pod) {
        var owner = Owners.controllerOf(pod);
        Map<String, Integer> byOwner = podsByOwnerUid.get(nodeName);
        return owner == null || byOwner == null ? 0 : byOwner.getOrDefault(owner.getUid(), 0);
    }

    int pods(String nodeName) {
        return podsPerNode.getOrDefault(nodeName, 0);
    }

    /**
     * Whether a pod affinity term written in {@code owner}'s spec looks at pods of {@code namespace}: the term's
     * {@code namespaces} and the namespaces its {@code namespaceSelector} selects, or, with neither, the owner's own.
     */
    boolean termCovers(PodAffinityTerm term, Pod owner, String namespace) {
        List<String> listed = Objects.requireNonNullElse(term.getNamespaces(), List.of());
        if (listed.isEmpty() && term.getNamespaceSelector() == null) {
            return namespace.equals(owner.getMetadata().getNamespace());
        }
        if (listed.contains(namespace)) {
            return true;
        }
        return term.getNamespaceSelector() != null
                && LabelSelectors.matches(term.getNamespaceSelector(), namespaceLabels().get(namespace));
    }

    /** Whether {@code term} (of {@code owner}) selects {@code pod}: namespace and label selector. */
    boolean termMatches(PodAffinityTerm term, Pod owner, Pod pod) {
        return termCovers(term, owner, pod.getMetadata().getNamespace())
                && LabelSelectors.matches(term.getLabelSelector(), pod.getMetadata().getLabels());
    }

    private Map<String, Map<String, String>> namespaceLabels() {
        if (namespaceLabels == null) {
            namespaceLabels = new HashMap<>();
            for (Namespace ns : namespaceLister.get()) {
                namespaceLabels.put(ns.getMetadata().getName(),
                        Objects.requireNonNullElse(ns.getMetadata().getLabels(), Map.of()));
            }
        }
        return namespaceLabels;
    }

    /** Whether two nodes share a value of {@code topologyKey} (both must carry it). */
    static boolean sameDomain(Node a, Node b, String topologyKey) {
        String va = NodeAffinity.labels(a).get(topologyKey);
        return va != null && va.equals(NodeAffinity.labels(b).get(topologyKey));
    }
}
