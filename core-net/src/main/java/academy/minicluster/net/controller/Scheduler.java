package academy.minicluster.net.controller;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import academy.minicluster.net.api.ObjectKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default scheduler, reduced to what changes networking: filter nodes by taints and tolerations,
 * nodeSelector and free hostPorts; then spread — the node with the fewest pods of the same owner wins, then the
 * node with the fewest pods, then the node listed first. Deterministic, so the same manifests put the same pods on
 * the same nodes every time.
 */
public final class Scheduler implements Controller {

    static final String COMPONENT = "default-scheduler";

    private final Changes changes = Changes.of("Pod", "Node");
    /** Pods the last run could not place: tried again at every run, as any pod or node change may free room. */
    private final Set<ObjectKey> unscheduled = new HashSet<>();

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        List<Node> nodes = null;
        List<Pod> allPods = null;
        Load load = null;
        List<Pod> candidates = changes.podsToReconcile(context.store(), unscheduled);
        unscheduled.clear();
        for (Pod pod : candidates) {
            if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                if (load == null) {
                    // Read only: the pods to bind are the candidates, listed for writing above.
                    nodes = context.store().listForReading(Node.class, "Node");
                    allPods = context.store().listForReading(Pod.class, "Pod");
                    load = new Load(allPods);
                }
                changed |= schedule(context, pod, nodes, allPods, load);
                if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                    unscheduled.add(ObjectKey.of(pod));
                }
            }
        }
        return changed;
    }

    /**
     * The pods on each node, in all and per controlling owner, counted once per run and kept up to date as pods
     * are bound, instead of counted again over every pod for every pod to schedule.
     */
    private static final class Load {
        private final Map<String, Integer> pods = new HashMap<>();
        private final Map<String, Map<String, Integer>> podsByOwnerUid = new HashMap<>();

        Load(List<Pod> allPods) {
            for (Pod pod : allPods) {
                if (pod.getSpec().getNodeName() != null && !terminal(pod)) {
                    add(pod, pod.getSpec().getNodeName());
                }
            }
        }

        void add(Pod pod, String nodeName) {
            pods.merge(nodeName, 1, Integer::sum);
            var owner = Owners.controllerOf(pod);
            if (owner != null) {
                podsByOwnerUid.computeIfAbsent(nodeName, n -> new HashMap<>()).merge(owner.getUid(), 1, Integer::sum);
            }
        }

        /** {pods of the same controlling owner, all pods} on the node. */
        int[] of(String nodeName, Pod pod) {
            var owner = Owners.controllerOf(pod);
            Map<String, Integer> byOwner = podsByOwnerUid.get(nodeName);
            int sameOwner = owner == null || byOwner == null ? 0 : byOwner.getOrDefault(owner.getUid(), 0);
            return new int[] {sameOwner, pods.getOrDefault(nodeName, 0)};
        }
    }

    private boolean schedule(ControllerContext context, Pod pod, List<Node> nodes, List<Pod> allPods, Load load) {
        Map<String, Integer> rejections = new TreeMap<>();
        List<Node> feasible = new ArrayList<>();
        for (Node node : nodes) {
            String reason = unfit(pod, node, allPods);
            if (reason == null) {
                feasible.add(node);
            } else {
                rejections.merge(reason, 1, Integer::sum);
            }
        }
        if (feasible.isEmpty()) {
            StringBuilder message = new StringBuilder("0/" + nodes.size() + " nodes are available: ");
            List<String> parts = new ArrayList<>();
            rejections.forEach((reason, count) -> parts.add(count + " " + reason.replace("node(s)", "node(s)")));
            message.append(String.join(", ", parts)).append(". preemption: 0/").append(nodes.size())
                    .append(" nodes are available: ").append(nodes.size())
                    .append(" Preemption is not helpful for scheduling.");
            return markUnschedulable(context, pod, message.toString());
        }
        Node best = null;
        int[] bestLoad = null;
        for (Node node : feasible) {
            int[] l = load.of(node.getMetadata().getName(), pod);
            if (best == null || l[0] < bestLoad[0] || (l[0] == bestLoad[0] && l[1] < bestLoad[1])) {
                best = node;
                bestLoad = l;
            }
        }
        String nodeName = best.getMetadata().getName();
        pod.getSpec().setNodeName(nodeName);
        load.add(pod, nodeName);
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        status.setPhase("Pending");
        setCondition(status, "PodScheduled", "True", null, null, context.clock().timestamp());
        pod.setStatus(status);
        context.store().touch(pod);
        context.events().normal(pod, "Scheduled", COMPONENT, "Successfully assigned "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + nodeName);
        return true;
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
    static String unfit(Pod pod, Node node, List<Pod> allPods) {
        if (node.getSpec().getTaints() != null) {
            for (Taint taint : node.getSpec().getTaints()) {
                if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()))
                        && !tolerates(pod.getSpec().getTolerations(), taint)) {
                    return "node(s) had untolerated taint {" + taint.getKey() + ": "
                            + Objects.requireNonNullElse(taint.getValue(), "") + "}";
                }
            }
        }
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null && !selector.isEmpty()) {
            Map<String, String> labels = Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return "node(s) didn't match Pod's node affinity/selector";
                }
            }
        }
        for (String hostPort : hostPorts(pod)) {
            for (Pod other : allPods) {
                if (other != pod && node.getMetadata().getName().equals(other.getSpec().getNodeName())
                        && !terminal(other) && hostPorts(other).contains(hostPort)) {
                    return "node(s) didn't have free ports for the requested pod ports";
                }
            }
        }
        return null;
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
}
