package academy.minicluster.net.controller;

import academy.minicluster.net.api.LabelSelectors;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * kube-scheduler's PodTopologySpread plugin for a pod's own {@code topologySpreadConstraints}.
 *
 * <p>The domains of a constraint are the values of its {@code topologyKey} on the nodes that pass the pod's node
 * affinity and nodeSelector ({@code nodeAffinityPolicy: Honor}, the default) and carry every key of the pod's
 * constraints of the same kind; taints are ignored ({@code nodeTaintsPolicy: Ignore}). A domain counts the placed
 * pods of the pod's namespace that its {@code labelSelector} selects. {@code DoNotSchedule}: a node without the key
 * fails ({@code (missing required label)}); otherwise the node's domain count, plus one if the pod matches its own
 * selector, minus the smallest domain count (0 when there are fewer domains than {@code minDomains}) must not exceed
 * {@code maxSkew}. {@code ScheduleAnyway}: nodes with fewer matching pods in their domains score higher, each
 * constraint's count weighted by log(domains + 2) as kube-scheduler does. {@code matchLabelKeys} is not simulated.
 */
final class PodTopologySpread {

    static final String REASON = "node(s) didn't match pod topology spread constraints";
    static final String MISSING_LABEL = REASON + " (missing required label)";

    private final Pod pod;
    private final List<TopologySpreadConstraint> hard = new ArrayList<>();
    private final List<TopologySpreadConstraint> soft = new ArrayList<>();
    /** Per constraint (same index as hard/soft), matching pods per domain value. */
    private final List<Map<String, Integer>> hardCounts = new ArrayList<>();
    private final List<Map<String, Integer>> softCounts = new ArrayList<>();

    private PodTopologySpread(Pod pod, SchedulingSnapshot snapshot) {
        this.pod = pod;
        for (TopologySpreadConstraint c : Objects.requireNonNullElse(pod.getSpec().getTopologySpreadConstraints(),
                List.<TopologySpreadConstraint>of())) {
            ("ScheduleAnyway".equals(c.getWhenUnsatisfiable()) ? soft : hard).add(c);
        }
        count(hard, hardCounts, snapshot);
        count(soft, softCounts, snapshot);
    }

    /** The plugin's pre-filter state for {@code pod}, or null when it has no constraints. */
    static PodTopologySpread of(Pod pod, SchedulingSnapshot snapshot) {
        var constraints = pod.getSpec().getTopologySpreadConstraints();
        return constraints == null || constraints.isEmpty() ? null : new PodTopologySpread(pod, snapshot);
    }

    private void count(List<TopologySpreadConstraint> constraints, List<Map<String, Integer>> counts,
                       SchedulingSnapshot snapshot) {
        for (int i = 0; i < constraints.size(); i++) {
            counts.add(new TreeMap<>());
        }
        if (constraints.isEmpty()) {
            return;
        }
        for (Node node : snapshot.nodes) {
            if (eligible(node, constraints)) {
                for (int i = 0; i < constraints.size(); i++) {
                    counts.get(i).putIfAbsent(NodeAffinity.labels(node).get(constraints.get(i).getTopologyKey()), 0);
                }
            }
        }
        for (SchedulingSnapshot.Placed p : snapshot.placed()) {
            if (!pod.getMetadata().getNamespace().equals(p.pod().getMetadata().getNamespace())
                    || !eligible(p.node(), constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                TopologySpreadConstraint c = constraints.get(i);
                if (LabelSelectors.matches(c.getLabelSelector(), p.pod().getMetadata().getLabels())) {
                    counts.get(i).merge(NodeAffinity.labels(p.node()).get(c.getTopologyKey()), 1, Integer::sum);
                }
            }
        }
    }

    private boolean eligible(Node node, List<TopologySpreadConstraint> constraints) {
        if (!NodeAffinity.required(pod, node)) {
            return false;
        }
        for (TopologySpreadConstraint c : constraints) {
            if (!NodeAffinity.labels(node).containsKey(c.getTopologyKey())) {
                return false;
            }
        }
        return true;
    }

    Unfit filter(Node node) {
        Map<String, String> labels = NodeAffinity.labels(node);
        for (TopologySpreadConstraint c : hard) {
            if (!labels.containsKey(c.getTopologyKey())) {
                return Unfit.unresolvable(MISSING_LABEL);
            }
        }
        for (int i = 0; i < hard.size(); i++) {
            TopologySpreadConstraint c = hard.get(i);
            Map<String, Integer> counts = hardCounts.get(i);
            int self = LabelSelectors.matches(c.getLabelSelector(), pod.getMetadata().getLabels()) ? 1 : 0;
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            if (c.getMinDomains() != null && counts.size() < c.getMinDomains()) {
                min = 0;
            }
            int skew = counts.getOrDefault(labels.get(c.getTopologyKey()), 0) + self - min;
            if (skew > Objects.requireNonNullElse(c.getMaxSkew(), 1)) {
                return Unfit.resolvable(REASON);
            }
        }
        return null;
    }

    boolean scores() {
        return !soft.isEmpty();
    }

    /** The raw score, lower is better; null for a node without every key of the soft constraints (scored 0). */
    Long score(Node node) {
        Map<String, String> labels = NodeAffinity.labels(node);
        double sum = 0;
        for (int i = 0; i < soft.size(); i++) {
            TopologySpreadConstraint c = soft.get(i);
            String value = labels.get(c.getTopologyKey());
            if (value == null) {
                return null;
            }
            Map<String, Integer> counts = softCounts.get(i);
            sum += counts.getOrDefault(value, 0) * Math.log(counts.size() + 2)
                    + Objects.requireNonNullElse(c.getMaxSkew(), 1) - 1;
        }
        return Math.round(sum);
    }
}
