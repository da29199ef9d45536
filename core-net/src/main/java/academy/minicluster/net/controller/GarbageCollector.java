package academy.minicluster.net.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Deletes dependents whose owner is gone (background cascading deletion): the ReplicaSets of a deleted
 * Deployment, their Pods, the EndpointSlices of a deleted Service.
 */
public final class GarbageCollector implements WatchingController {

    private static final List<String> DEPENDENT_KINDS = List.of("ReplicaSet", "Pod", "EndpointSlice", "Endpoints");

    /** An owner is looked up in its dependent's namespace: only namespaces where anything changed can hold orphans. */
    private final Changes changes = Changes.ofAnyKind();

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        SortedSet<String> namespaces = changes.namespacesSinceLastRun(context.store());
        for (String kind : DEPENDENT_KINDS) {
            for (HasMetadata object : dependents(context, kind, namespaces)) {
                OwnerReference owner = Owners.controllerOf(object);
                if (owner == null) {
                    continue;
                }
                var found = context.store().getForReading(HasMetadata.class, owner.getKind(),
                        object.getMetadata().getNamespace(), owner.getName());
                if (found.isEmpty() || !found.get().getMetadata().getUid().equals(owner.getUid())) {
                    context.store().remove(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static List<HasMetadata> dependents(ControllerContext context, String kind, SortedSet<String> namespaces) {
        List<HasMetadata> result = new ArrayList<>();
        for (String namespace : namespaces) {
            result.addAll(context.store().listForReading(HasMetadata.class, kind, namespace));
        }
        return result;
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
