package academy.minicluster.net.controller;

import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ClusterQuota;
import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ObjectCopier;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ReplicaSet -> Pods: creates pods named {@code <replicaset>-<5 random characters>} from the template until
 * {@code spec.replicas} exist, deletes the newest surplus pods first, and counts ready pods into the status.
 */
public final class ReplicaSetController implements WatchingController {

    static final String COMPONENT = "replicaset-controller";

    private final Changes changes = Changes.of("ReplicaSet", "Pod");

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        for (String namespace : changes.namespacesSinceLastRun(context.store())) {
            for (ReplicaSet rs : context.store().listForReading(ReplicaSet.class, "ReplicaSet", namespace)) {
                changed |= reconcile(context, rs);
            }
        }
        return changed;
    }

    private boolean reconcile(ControllerContext context, ReplicaSet rs) {
        String namespace = rs.getMetadata().getNamespace();
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : context.store().listForReading(Pod.class, "Pod", namespace)) {
            if (Owners.isOwnedBy(pod, rs) && pod.getMetadata().getDeletionTimestamp() == null) {
                pods.add(pod);
            }
        }
        int desired = Objects.requireNonNullElse(rs.getSpec().getReplicas(), 1);
        boolean changed = false;
        String failure = null;
        while (pods.size() < desired) {
            Pod pod = newPod(context, rs);
            Optional<ApiException> refused = ClusterQuota.refusal(context.store(), context.limits(), pod);
            if (refused.isPresent()) {
                // As manageReplicas: the failed create is an event, the rest of the batch is skipped, and the
                // status says why (a ReplicaFailure condition). Nothing is retried until something changes.
                failure = refused.get().getMessage();
                if (!hasReplicaFailure(rs.getStatus())) {
                    // The real controller backs off before it tries again, and the model has no time passing
                    // between writes: one event for the failure, not one per write while it lasts.
                    context.events().warning(rs, "FailedCreate", COMPONENT, "Error creating: " + failure);
                }
                break;
            }
            context.store().create(pod);
            pods.add(pod);
            context.events().normal(rs, "SuccessfulCreate", COMPONENT, "Created pod: " + pod.getMetadata().getName());
            changed = true;
        }
        if (pods.size() > desired) {
            // The controller deletes the least useful pods first: unscheduled, then not ready, then the newest.
            pods.sort(Comparator.comparing((Pod p) -> p.getSpec().getNodeName() != null)
                    .thenComparing(ReplicaSetController::isReady)
                    .thenComparing((Pod p) -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder())
                    .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder()));
            while (pods.size() > desired) {
                Pod victim = pods.remove(0);
                context.store().remove("Pod", namespace, victim.getMetadata().getName());
                context.events().normal(rs, "SuccessfulDelete", COMPONENT,
                        "Deleted pod: " + victim.getMetadata().getName());
                changed = true;
            }
        }
        int ready = (int) pods.stream().filter(ReplicaSetController::isReady).count();
        ReplicaSetStatus status = rs.getStatus();
        List<ReplicaSetCondition> conditions = failure == null ? List.of()
                : List.of(replicaFailure(context, status, failure));
        if (status == null || !Objects.equals(status.getReplicas(), pods.size())
                || !Objects.equals(Objects.requireNonNullElse(status.getReadyReplicas(), 0), ready)
                || !Objects.equals(Objects.requireNonNullElse(status.getConditions(), List.of()), conditions)) {
            ReplicaSetStatus next = new ReplicaSetStatus();
            next.setConditions(conditions.isEmpty() ? null : new ArrayList<>(conditions));
            next.setReplicas(pods.size());
            next.setFullyLabeledReplicas(pods.size());
            next.setReadyReplicas(ready == 0 ? null : ready);
            next.setAvailableReplicas(ready == 0 ? null : ready);
            next.setObservedGeneration(rs.getMetadata().getGeneration());
            // Listed for reading: write into the store's own copy.
            ReplicaSet own = context.store().get(ReplicaSet.class, "ReplicaSet", namespace, rs.getMetadata().getName())
                    .orElseThrow();
            own.setStatus(next);
            context.store().touch(own);
            changed = true;
        }
        return changed;
    }

    private static boolean hasReplicaFailure(ReplicaSetStatus status) {
        return status != null && status.getConditions() != null
                && status.getConditions().stream().anyMatch(c -> "ReplicaFailure".equals(c.getType()));
    }

    /**
     * The condition {@code calculateStatus} sets when creating pods failed: type ReplicaFailure, reason FailedCreate,
     * the API server's message; the first one is kept (with its message and transition time) while failures go on, as
     * {@code calculateStatus} sets it only when the status has none.
     */
    private static ReplicaSetCondition replicaFailure(ControllerContext context, ReplicaSetStatus status,
                                                      String message) {
        if (status != null && status.getConditions() != null) {
            for (ReplicaSetCondition c : status.getConditions()) {
                if ("ReplicaFailure".equals(c.getType())) {
                    return c;
                }
            }
        }
        ReplicaSetCondition c = new ReplicaSetCondition();
        c.setType("ReplicaFailure");
        c.setStatus("True");
        c.setReason("FailedCreate");
        c.setMessage(message);
        c.setLastTransitionTime(context.clock().timestamp());
        return c;
    }

    private Pod newPod(ControllerContext context, ReplicaSet rs) {
        String name;
        do {
            name = rs.getMetadata().getName() + "-" + context.randomSuffix(5);
        } while (context.store().exists("Pod", rs.getMetadata().getNamespace(), name));
        var template = rs.getSpec().getTemplate();
        // Deep copies of the template (ObjectCopier: what a builder's copy gives, without a builder per object).
        ObjectMeta metadata = template.getMetadata() == null ? new ObjectMeta()
                : ObjectCopier.deepCopy(template.getMetadata());
        metadata.setName(name);
        metadata.setGenerateName(rs.getMetadata().getName() + "-");
        metadata.setNamespace(rs.getMetadata().getNamespace());
        metadata.setOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(rs))));
        Pod pod = new Pod();
        pod.setMetadata(metadata);
        pod.setSpec(template.getSpec() == null ? null : ObjectCopier.deepCopy(template.getSpec()));
        return pod;
    }

    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** Whether a pod matches a ReplicaSet's selector (used by describe and by adoption checks). */
    static boolean selects(ReplicaSet rs, Pod pod) {
        return LabelSelectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels());
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
