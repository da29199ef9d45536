package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;

/**
 * The addresses controllers write into objects' status, read back the one way by everyone who needs them: the
 * controllers that assign them, the data plane that routes to them, and kubectl that prints them.
 */
public final class AssignedAddresses {

    private AssignedAddresses() {
    }

    /**
     * The load-balancer IP MetalLB's controller wrote to a Service's {@code status.loadBalancer.ingress[0].ip}, or
     * null while pending (kubectl shows {@code <pending>}).
     */
    public static String loadBalancerIp(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null
                || service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return null;
        }
        return service.getStatus().getLoadBalancer().getIngress().get(0).getIp();
    }

    /** A node's {@code InternalIP} in {@code status.addresses}: its address on the kind network. */
    public static String internalIp(Node node) {
        for (NodeAddress a : node.getStatus().getAddresses()) {
            if ("InternalIP".equals(a.getType())) {
                return a.getAddress();
            }
        }
        throw new IllegalStateException("node without InternalIP: " + node.getMetadata().getName());
    }
}
