package academy.minicluster.net.controller.ingress;

import academy.minicluster.net.dataplane.ingress.IngressRouter;

import academy.minicluster.net.controller.Changes;
import academy.minicluster.net.controller.WatchingController;
import academy.minicluster.net.controller.ControllerContext;
import academy.minicluster.net.controller.LoadBalancerController;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * ingress-nginx's status sync ({@code --publish-service}): every Ingress the controller owns gets the
 * load-balancer address of Service ingress-nginx/ingress-nginx-controller in {@code status.loadBalancer}; an
 * Ingress of a class no controller owns keeps an empty status, as on a real cluster.
 */
public final class IngressStatusController implements WatchingController {

    private final Supplier<IngressRouter> router;
    /** The router is compiled from Ingresses, IngressClasses and Secrets; the address from the Service. */
    private final Changes changes = Changes.of("Ingress", "IngressClass", "Secret", "Service");

    public IngressStatusController(Supplier<IngressRouter> router) {
        this.router = router;
    }

    @Override
    public boolean reconcile(ControllerContext context) {
        if (!changes.sinceLastRun(context.store())) {
            return false;
        }
        List<Ingress> ingresses = context.store().list(Ingress.class, "Ingress");
        if (ingresses.isEmpty()) {
            return false;
        }
        String address = context.store().get(Service.class, "Service", "ingress-nginx", "ingress-nginx-controller")
                .map(LoadBalancerController::assignedIp).orElse(null);
        IngressRouter current = router.get();
        boolean changed = false;
        for (Ingress ingress : ingresses) {
            List<IngressLoadBalancerIngress> wanted = address != null && current.owns(ingress)
                    ? List.of(new IngressLoadBalancerIngressBuilder().withIp(address).build()) : List.of();
            List<IngressLoadBalancerIngress> actual = ingress.getStatus() == null || ingress.getStatus().getLoadBalancer() == null
                    || ingress.getStatus().getLoadBalancer().getIngress() == null ? List.of()
                    : ingress.getStatus().getLoadBalancer().getIngress();
            if (!Objects.equals(actual, wanted)) {
                ingress.setStatus(new IngressStatus(new IngressLoadBalancerStatus(wanted)));
                context.store().touch(ingress);
                changed = true;
            }
        }
        return changed;
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
