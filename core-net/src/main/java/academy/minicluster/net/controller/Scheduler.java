package academy.minicluster.net.controller;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import academy.minicluster.net.api.ObjectKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The default scheduler, as kube-scheduler's default profile decides, reduced to the plugins a lab can see.
 *
 * <p>Filters, in kube-scheduler's order, the first failure naming the node's reason: NodeUnschedulable
 * ({@code spec.unschedulable}), TaintToleration (NoSchedule and NoExecute taints), {@link NodeAffinity}
 * (nodeSelector and required node affinity), NodePorts (free hostPorts), {@link PodTopologySpread}
 * ({@code DoNotSchedule}) and {@link InterPodAffinity} (required affinity and anti-affinity). A pod no node passes
 * stays Pending with kube-scheduler's FailedScheduling message: the reasons counted and sorted as text, then what
 * preemption found.
 *
 * <p>Scores, each normalized to 0-100 and weighted as kube-scheduler weighs them: TaintToleration ×3 (fewer
 * untolerated PreferNoSchedule taints), NodeAffinity ×2 (preferred terms), PodTopologySpread ×2
 * ({@code ScheduleAnyway}), InterPodAffinity ×2 (preferred terms). kube-scheduler breaks ties at random; here the
 * highest total wins, then the node with the fewest pods of the same controlling owner (what its default spreading
 * constraints approximate), then the node with the fewest pods, then the node listed first (by name). So the same
 * manifests put the same pods on the same nodes every time.
 */
public final class Scheduler implements Controller {

    static final String COMPONENT = "default-scheduler";
    static final String UNSCHEDULABLE = "node(s) were unschedulable";
    static final String PORTS = "node(s) didn't have free ports for the requested pod ports";

    private final Changes changes = Changes.of("Pod", "Node");
    /** Pods the last run could not place: tried again at every run, as any pod or node change may free room. */
    private final Set<ObjectKey> unscheduled = new HashSet<>();

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        SchedulingSnapshot snapshot = null;
        List<Pod> candidates = changes.podsToReconcile(context.store(), unscheduled);
        unscheduled.clear();
        for (Pod pod : candidates) {
            if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                if (snapshot == null) {
                    // Read only: the pods to bind are the candidates, listed for writing above.
                    snapshot = new SchedulingSnapshot(context.store().listForReading(Node.class, "Node"),
                            context.store().listForReading(Pod.class, "Pod"),
                            () -> context.store().listForReading(Namespace.class, "Namespace"));
                }
                changed |= schedule(context, pod, snapshot);
                if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                    unscheduled.add(ObjectKey.of(pod));
                }
            }
        }
        return changed;
    }

    private boolean schedule(ControllerContext context, Pod pod, SchedulingSnapshot snapshot) {
        List<Node> nodes = snapshot.nodes;
        PodTopologySpread spread = PodTopologySpread.of(pod, snapshot);
        Map<Unfit, Integer> rejections = new HashMap<>();
        List<Node> feasible = new ArrayList<>();
        for (Node node : nodes) {
            Unfit unfit = unfit(pod, node, snapshot, spread);
            if (unfit == null) {
                feasible.add(node);
            } else {
                rejections.merge(unfit, 1, Integer::sum);
            }
        }
        if (feasible.isEmpty()) {
            return markUnschedulable(context, pod, failedSchedulingMessage(nodes.size(), rejections));
        }
        Node best = feasible.size() == 1 ? feasible.get(0) : best(pod, feasible, snapshot, spread);
        String nodeName = best.getMetadata().getName();
        pod.getSpec().setNodeName(nodeName);
        snapshot.add(pod, nodeName);
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        status.setPhase("Pending");
        setCondition(status, "PodScheduled", "True", null, null, context.clock().timestamp());
        pod.setStatus(status);
        context.store().touch(pod);
        context.events().normal(pod, "Scheduled", COMPONENT, "Successfully assigned "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + nodeName);
        return true;
    }

    /**
     * kube-scheduler's {@code FitError}: {@code 0/3 nodes are available: 1 node(s) had untolerated taint ..., 2
     * node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not
     * helpful for scheduling.} — each part's {@code "<count> <reason>"} strings sorted as Go's sort.Strings does.
     */
    static String failedSchedulingMessage(int nodeCount, Map<Unfit, Integer> rejections) {
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, Integer> preemption = new HashMap<>();
        rejections.forEach((unfit, count) -> {
            reasons.merge(unfit.reason(), count, Integer::sum);
            preemption.merge(unfit.preemption().message, count, Integer::sum);
        });
        return "0/" + nodeCount + " nodes are available: " + histogram(reasons) + ". preemption: 0/" + nodeCount
                + " nodes are available: " + histogram(preemption) + ".";
    }

    private static String histogram(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, count) -> parts.add(count + " " + reason));
        java.util.Collections.sort(parts);
        return String.join(", ", parts);
    }

    /** The feasible node with the highest weighted score; ties as the class comment says. */
    private static Node best(Pod pod, List<Node> feasible, SchedulingSnapshot snapshot, PodTopologySpread spread) {
        long[] total = new long[feasible.size()];
        long[] taints = new long[feasible.size()];
        boolean anyTaint = false;
        for (int i = 0; i < feasible.size(); i++) {
            taints[i] = untoleratedPreferNoSchedule(pod, feasible.get(i));
            anyTaint |= taints[i] > 0;
        }
        if (anyTaint) {
            addReversed(total, taints, 3);
        }
        if (NodeAffinity.hasPreferred(pod)) {
            long[] raw = new long[feasible.size()];
            long max = 0;
            for (int i = 0; i < raw.length; i++) {
                raw[i] = NodeAffinity.preferred(pod, feasible.get(i));
                max = Math.max(max, raw[i]);
            }
            for (int i = 0; i < raw.length; i++) {
                total[i] += 2 * (max == 0 ? 0 : raw[i] * 100 / max);
            }
        }
        if (spread != null && spread.scores()) {
            long[] raw = new long[feasible.size()];
            boolean[] missing = new boolean[feasible.size()];
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < raw.length; i++) {
                Long s = spread.score(feasible.get(i));
                missing[i] = s == null;
                raw[i] = s == null ? 0 : s;
                if (s != null) {
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                }
            }
            for (int i = 0; i < raw.length; i++) {
                if (!missing[i]) {
                    total[i] += 2 * (max == 0 ? 100 : 100 * (max + min - raw[i]) / max);
                }
            }
        }
        if (InterPodAffinity.scores(pod, snapshot)) {
            long[] raw = new long[feasible.size()];
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < raw.length; i++) {
                raw[i] = InterPodAffinity.score(pod, feasible.get(i), snapshot);
                min = Math.min(min, raw[i]);
                max = Math.max(max, raw[i]);
            }
            for (int i = 0; i < raw.length; i++) {
                total[i] += 2 * (max == min ? 0 : (raw[i] - min) * 100 / (max - min));
            }
        }
        int best = 0;
        for (int i = 1; i < feasible.size(); i++) {
            if (better(total[i], feasible.get(i), total[best], feasible.get(best), pod, snapshot)) {
                best = i;
            }
        }
        return feasible.get(best);
    }

    private static boolean better(long score, Node node, long bestScore, Node bestNode, Pod pod,
                                  SchedulingSnapshot snapshot) {
        if (score != bestScore) {
            return score > bestScore;
        }
        int owner = snapshot.sameOwner(node.getMetadata().getName(), pod);
        int bestOwner = snapshot.sameOwner(bestNode.getMetadata().getName(), pod);
        if (owner != bestOwner) {
            return owner < bestOwner;
        }
        return snapshot.pods(node.getMetadata().getName()) < snapshot.pods(bestNode.getMetadata().getName());
    }

    /** kube-scheduler's DefaultNormalizeScore reversed: the node with the fewest scores 100. */
    private static void addReversed(long[] total, long[] raw, int weight) {
        long max = 0;
        for (long r : raw) {
            max = Math.max(max, r);
        }
        for (int i = 0; i < raw.length; i++) {
            total[i] += weight * (max == 0 ? 100 : 100 - raw[i] * 100 / max);
        }
    }

    private static long untoleratedPreferNoSchedule(Pod pod, Node node) {
        if (node.getSpec().getTaints() == null) {
            return 0;
        }
        return node.getSpec().getTaints().stream().filter(t -> "PreferNoSchedule".equals(t.getEffect())
                && !tolerates(pod.getSpec().getTolerations(), t)).count();
    }

    private boolean markUnschedulable(ControllerContext context, Pod pod, String message) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodCondition existing = condition(status, "PodScheduled");
        if (existing != null && message.equals(existing.getMessage())) {
            return false;
        }
        status.setPhase("Pending");
        setCondition(status, "PodScheduled", "False", "Unschedulable", message, context.clock().timestamp());
        pod.setStatus(status);
        context.store().touch(pod);
        context.events().warning(pod, "FailedScheduling", COMPONENT, message);
        return true;
    }

    /** Why {@code node} cannot take {@code pod}, in the scheduler's words, or null when it can. */
    static Unfit unfit(Pod pod, Node node, SchedulingSnapshot snapshot, PodTopologySpread spread) {
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable()) && !tolerates(pod.getSpec().getTolerations(),
                new TaintBuilder().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build())) {
            return Unfit.unresolvable(UNSCHEDULABLE);
        }
        if (node.getSpec().getTaints() != null) {
            for (Taint taint : node.getSpec().getTaints()) {
                if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()))
                        && !tolerates(pod.getSpec().getTolerations(), taint)) {
                    return Unfit.unresolvable("node(s) had untolerated taint {" + taint.getKey() + ": "
                            + Objects.requireNonNullElse(taint.getValue(), "") + "}");
                }
            }
        }
        if (!NodeAffinity.required(pod, node)) {
            return Unfit.unresolvable(NodeAffinity.REASON);
        }
        List<String> ports = hostPorts(pod);
        if (!ports.isEmpty()) {
            for (SchedulingSnapshot.Placed other : snapshot.placed()) {
                if (other.pod() != pod && other.node() == node
                        && !java.util.Collections.disjoint(hostPorts(other.pod()), ports)) {
                    return Unfit.resolvable(PORTS);
                }
            }
        }
        if (spread != null) {
            Unfit unfit = spread.filter(node);
            if (unfit != null) {
                return unfit;
            }
        }
        return InterPodAffinity.filter(pod, node, snapshot);
    }

    /**
     * kube-scheduler's pod informer lists only pods not in phase Succeeded or Failed: a finished pod (a completed
     * {@code kubectl debug node} pod, say) takes no room on its node.
     */
    static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    static boolean tolerates(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            boolean effectMatches = t.getEffect() == null || t.getEffect().isEmpty()
                    || t.getEffect().equals(taint.getEffect());
            boolean keyMatches = t.getKey() == null || t.getKey().isEmpty() ? "Exists".equals(t.getOperator())
                    : t.getKey().equals(taint.getKey());
            boolean valueMatches = "Exists".equals(t.getOperator())
                    || Objects.equals(Objects.requireNonNullElse(t.getValue(), ""),
                            Objects.requireNonNullElse(taint.getValue(), ""));
            if (effectMatches && keyMatches && valueMatches) {
                return true;
            }
        }
        return false;
    }

    /** {@code <hostIP>/<protocol>/<hostPort>} for every hostPort the pod asks for. */
    static List<String> hostPorts(Pod pod) {
        List<String> result = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    result.add(Objects.requireNonNullElse(p.getProtocol(), "TCP") + "/" + p.getHostPort());
                }
            }
        }
        return result;
    }

    static PodCondition condition(PodStatus status, String type) {
        if (status.getConditions() == null) {
            return null;
        }
        for (PodCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    static void setCondition(PodStatus status, String type, String value, String reason, String message,
                             String timestamp) {
        List<PodCondition> conditions = status.getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(status.getConditions());
        PodCondition existing = condition(status, type);
        if (existing != null && value.equals(existing.getStatus()) && Objects.equals(reason, existing.getReason())
                && Objects.equals(message, existing.getMessage())) {
            return;
        }
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new PodConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withLastTransitionTime(timestamp).build());
        conditions.sort(java.util.Comparator.comparingInt(c -> CONDITION_ORDER.indexOf(c.getType())));
        status.setConditions(conditions);
    }

    private static final List<String> CONDITION_ORDER = List.of("PodReadyToStartContainers", "Initialized", "Ready",
            "ContainersReady", "PodScheduled");

    @Override
    public void copyStateFrom(Controller original) {
        Scheduler o = (Scheduler) original;
        changes.copyFrom(o.changes);
        unscheduled.addAll(o.unscheduled);
    }

    @Override
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        changes.writeState(out);
        out.writeObjectKeys(new java.util.TreeSet<>(unscheduled));
    }

    @Override
    public void readState(academy.minicluster.net.api.StateReader in) {
        changes.readState(in);
        in.readObjectKeys(unscheduled);
    }
}
