package academy.minicluster.net.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

/**
 * Deletes dependents whose owner is gone (background cascading deletion): the ReplicaSets of a deleted
 * Deployment, their Pods, the EndpointSlices of a deleted Service.
 */
public final class GarbageCollector implements Controller {

    private static final List<String> DEPENDENT_KINDS = List.of("ReplicaSet", "Pod", "EndpointSlice", "Endpoints");

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        for (String kind : DEPENDENT_KINDS) {
            for (HasMetadata object : context.store().listAny(kind)) {
                OwnerReference owner = Owners.controllerOf(object);
                if (owner == null) {
                    continue;
                }
                var found = context.store().get(owner.getKind(), object.getMetadata().getNamespace(), owner.getName());
                if (found.isEmpty() || !found.get().getMetadata().getUid().equals(owner.getUid())) {
                    context.store().remove(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
                    changed = true;
                }
            }
        }
        return changed;
    }
}
