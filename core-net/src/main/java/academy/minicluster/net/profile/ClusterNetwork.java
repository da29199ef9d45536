package academy.minicluster.net.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The addresses of a kind cluster on its Docker network 172.18.0.0/16: the gateway (the learner's workstation),
 * one address per node, the pod CIDR carved into one /24 per node, the Service CIDR and the load-balancer pool.
 */
public final class ClusterNetwork {

    public static final String WORKSTATION_IP = "172.18.0.1";
    public static final String NODE_NETWORK = "172.18.0.0/16";
    public static final String POD_CIDR = "10.244.0.0/16";
    public static final String SERVICE_CIDR = "10.96.0.0/12";
    public static final String KUBERNETES_SERVICE_IP = "10.96.0.1";
    public static final String CLUSTER_DNS_IP = "10.96.0.10";
    public static final String CLUSTER_DOMAIN = "cluster.local";
    public static final String LB_POOL_FIRST = "172.18.255.200";
    public static final String LB_POOL_LAST = "172.18.255.250";
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;
    public static final String CONTROL_PLANE = "control-plane";

    /**
     * The namespaces of the cluster's own machinery, as kind and its add-ons install them (CoreDNS and kube-proxy,
     * ingress-nginx, MetalLB, the local-path provisioner, Envoy Gateway): not the learner's work, so the probe set,
     * the topology view and whoever else asks leave them out.
     */
    public static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            "ingress-nginx", "metallb-system", "local-path-storage", "envoy-gateway-system");

    private ClusterNetwork() {
    }

    /** {@code control-plane}, {@code worker}, {@code worker2}, ... as kind names them. */
    public static List<String> nodeNames(int workers) {
        List<String> names = new ArrayList<>();
        names.add(CONTROL_PLANE);
        for (int i = 1; i <= workers; i++) {
            names.add(i == 1 ? "worker" : "worker" + i);
        }
        return names;
    }

    /** The i-th node's address (0 = control-plane): 172.18.0.2, .3, ... */
    public static String nodeIp(int index) {
        return "172.18.0." + (2 + index);
    }

    /** The i-th node's podCIDR: 10.244.i.0/24. */
    public static String podCidr(int index) {
        return "10.244." + index + ".0/24";
    }
}
