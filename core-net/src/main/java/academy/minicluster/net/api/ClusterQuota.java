package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * The cluster's object and pod counts against its {@link ClusterLimits}, enforced as kube-apiserver's ResourceQuota
 * admission enforces a quota ({@code plugin/pkg/admission/resourcequota}): a create that would pass a limit is
 * refused with {@code Forbidden} and {@code <resource> "<name>" is forbidden: exceeded quota: <quota>, requested:
 * pods=1, used: pods=N, limited: pods=N}. One rule for kubectl and for the controllers, which report the refusal
 * as their events say ({@code Error creating: ...}).
 */
public final class ClusterQuota {

    /** The name the refusals give the quota, as a ResourceQuota object's name would appear. */
    public static final String NAME = "minicluster-limits";

    private ClusterQuota() {
    }

    /** Why creating {@code object} now would pass a limit; empty when it fits. */
    public static Optional<ApiException> refusal(ObjectStore store, ClusterLimits limits, HasMetadata object) {
        if ("Pod".equals(object.getKind())) {
            int pods = store.count("Pod");
            if (pods >= limits.maxPods()) {
                return Optional.of(exceeded(object, "pods", pods, limits.maxPods()));
            }
        }
        int objects = store.count();
        if (objects >= limits.maxObjects()) {
            return Optional.of(exceeded(object, "count/objects", objects, limits.maxObjects()));
        }
        return Optional.empty();
    }

    private static ApiException exceeded(HasMetadata object, String resource, int used, int limited) {
        return new ApiException(ApiException.Reason.Forbidden, ApiServer.resourceName(object) + " \""
                + object.getMetadata().getName() + "\" is forbidden: exceeded quota: " + NAME + ", requested: "
                + resource + "=1, used: " + resource + "=" + used + ", limited: " + resource + "=" + limited);
    }
}
