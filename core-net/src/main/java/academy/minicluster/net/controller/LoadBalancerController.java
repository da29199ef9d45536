package academy.minicluster.net.controller;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.Ipv4;
import academy.minicluster.net.profile.ClusterNetwork;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A MetalLB-like controller: gives each LoadBalancer Service the lowest free address of the pool
 * 172.18.255.200–250 and writes it to {@code status.loadBalancer.ingress}. Without a pool (profile
 * {@code no-lb-pool}) nothing writes the status, so kubectl shows {@code <pending>} as on a cluster with no
 * load-balancer implementation. A Service that stops being a LoadBalancer gives its address back.
 */
public final class LoadBalancerController implements Controller {

    static final String COMPONENT = "metallb-controller";

    private final Changes changes = Changes.of("Service");
    /** A failed allocation is reported again at every run, as the real controller retries. */
    private boolean failedLastRun;

    @Override
    public boolean reconcile(ControllerContext context) {
        if (!changes.sinceLastRun(context.store()) && !failedLastRun) {
            return false;
        }
        failedLastRun = false;
        boolean changed = false;
        List<Service> services = context.store().listForReading(Service.class, "Service");
        Set<String> used = new HashSet<>();
        for (Service s : services) {
            String ip = assignedIp(s);
            if (ip != null && isLoadBalancer(s)) {
                used.add(ip);
            }
        }
        for (Service listed : services) {
            String ip = assignedIp(listed);
            if (!isLoadBalancer(listed) ? ip == null : ip != null || !context.profile().loadBalancerPool()) {
                continue; // nothing to write
            }
            // The listing is for reading; the Service to write comes from get().
            Service service = context.store().get(Service.class, "Service", listed.getMetadata().getNamespace(),
                    listed.getMetadata().getName()).orElseThrow();
            if (!isLoadBalancer(service)) {
                if (ip != null) {
                    service.getStatus().setLoadBalancer(new LoadBalancerStatus());
                    context.store().touch(service);
                    changed = true;
                }
                continue;
            }
            if (ip != null || !context.profile().loadBalancerPool()) {
                continue;
            }
            String next = nextFree(used);
            if (next == null) {
                context.events().warning(service, "AllocationFailed", COMPONENT,
                        "Failed to allocate IP for \"" + service.getMetadata().getNamespace() + "/"
                                + service.getMetadata().getName() + "\": no available IPs");
                failedLastRun = true;
                continue;
            }
            used.add(next);
            ServiceStatus status = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
            status.setLoadBalancer(new LoadBalancerStatus(List.of(
                    new LoadBalancerIngressBuilder().withIp(next).withIpMode("VIP").build())));
            service.setStatus(status);
            context.store().touch(service);
            context.events().normal(service, "IPAllocated", COMPONENT, "Assigned IP [\"" + next + "\"]");
            changed = true;
        }
        return changed;
    }

    private static boolean isLoadBalancer(Service service) {
        return "LoadBalancer".equals(service.getSpec().getType());
    }

    /**
     * The load-balancer IP written to the Service's status, or null while pending. Read through
     * {@link AssignedAddresses#loadBalancerIp}; kept for the Ingress status controller until its package moves.
     */
    public static String assignedIp(Service service) {
        return AssignedAddresses.loadBalancerIp(service);
    }

    private static String nextFree(Set<String> used) {
        int first = Ipv4.parse(ClusterNetwork.LB_POOL_FIRST);
        int last = Ipv4.parse(ClusterNetwork.LB_POOL_LAST);
        for (int a = first; a <= last; a++) {
            String candidate = Ipv4.format(a);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void copyStateFrom(Controller original) {
        LoadBalancerController o = (LoadBalancerController) original;
        changes.copyFrom(o.changes);
        failedLastRun = o.failedLastRun;
    }

    @Override
    public void writeState(academy.minicluster.net.api.StateWriter out) {
        changes.writeState(out);
        out.writeBoolean(failedLastRun);
    }

    @Override
    public void readState(academy.minicluster.net.api.StateReader in) {
        changes.readState(in);
        failedLastRun = in.readBoolean();
    }
}
