package academy.minicluster.net.controller;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kube-scheduler's NodeAffinity plugin: {@code spec.nodeSelector} and
 * {@code affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution} filter (the terms are ORed, the
 * expressions and fields of a term ANDed, an empty term matches nothing); the preferred terms score a node by the sum
 * of the weights of the terms it matches. Operators as in k8s.io/component-helpers' {@code nodeaffinity}: In, NotIn
 * (a missing label matches), Exists, DoesNotExist, Gt and Lt (integers; a missing or non-integer label does not
 * match); {@code matchFields} knows {@code metadata.name} only, as the API server's validation does.
 */
final class NodeAffinity {

    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    private NodeAffinity() {
    }

    /** Whether {@code node} passes the pod's nodeSelector and required node affinity. */
    static boolean required(Pod pod, Node node) {
        Map<String, String> labels = labels(node);
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        NodeSelector required = nodeAffinity(pod) == null ? null
                : nodeAffinity(pod).getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required == null || required.getNodeSelectorTerms() == null) {
            return true;
        }
        for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
            if (matches(term, node)) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the weights of the preferred terms {@code node} matches. */
    static long preferred(Pod pod, Node node) {
        var affinity = nodeAffinity(pod);
        if (affinity == null || affinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
            return 0;
        }
        long score = 0;
        for (PreferredSchedulingTerm t : affinity.getPreferredDuringSchedulingIgnoredDuringExecution()) {
            if (t.getPreference() != null && t.getWeight() != null && t.getWeight() != 0
                    && matches(t.getPreference(), node)) {
                score += t.getWeight();
            }
        }
        return score;
    }

    static boolean hasPreferred(Pod pod) {
        var affinity = nodeAffinity(pod);
        return affinity != null && affinity.getPreferredDuringSchedulingIgnoredDuringExecution() != null
                && !affinity.getPreferredDuringSchedulingIgnoredDuringExecution().isEmpty();
    }

    private static io.fabric8.kubernetes.api.model.NodeAffinity nodeAffinity(Pod pod) {
        Affinity affinity = pod.getSpec().getAffinity();
        return affinity == null ? null : affinity.getNodeAffinity();
    }

    static boolean matches(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> expressions = Objects.requireNonNullElse(term.getMatchExpressions(), List.of());
        List<NodeSelectorRequirement> fields = Objects.requireNonNullElse(term.getMatchFields(), List.of());
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        Map<String, String> labels = labels(node);
        for (NodeSelectorRequirement r : expressions) {
            if (!matches(r, labels)) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : fields) {
            if (!"metadata.name".equals(r.getKey())
                    || !matches(r, Map.of("metadata.name", node.getMetadata().getName()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = Objects.requireNonNullElse(r.getValues(), List.of());
        return switch (Objects.requireNonNullElse(r.getOperator(), "")) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> {
                Long actual = integer(value);
                Long bound = values.size() == 1 ? integer(values.get(0)) : null;
                yield actual != null && bound != null
                        && ("Gt".equals(r.getOperator()) ? actual > bound : actual < bound);
            }
            default -> false;
        };
    }

    private static Long integer(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Map<String, String> labels(Node node) {
        return Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
    }
}
