package academy.minicluster.net.controller;

import academy.minicluster.net.api.LabelSelectors;
import academy.minicluster.net.api.ObjectCopier;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * ReplicaSet -> Pods: creates pods named {@code <replicaset>-<5 random characters>} from the template until
 * {@code spec.replicas} exist, deletes the newest surplus pods first, and counts ready pods into the status.
 */
public final class ReplicaSetController implements Controller {

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
        while (pods.size() < desired) {
            Pod pod = newPod(context, rs);
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
        if (status == null || !Objects.equals(status.getReplicas(), pods.size())
                || !Objects.equals(Objects.requireNonNullElse(status.getReadyReplicas(), 0), ready)) {
            ReplicaSetStatus next = new ReplicaSetStatus();
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
    public void copyStateFrom(Controller original) {
        ReplicaSetController o = (ReplicaSetController) original;
        changes.copyFrom(o.changes);
    }
}
