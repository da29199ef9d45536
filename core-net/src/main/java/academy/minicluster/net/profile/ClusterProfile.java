package academy.minicluster.net.profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What kind of cluster a learner gets. The default is a kind cluster with ingress-nginx and MetalLB; every other
 * profile changes exactly one thing, for the labs that teach it.
 *
 * @param name                  how labs and {@code --profile} name it
 * @param description           one line for {@code minicluster profiles} and the playground
 * @param workers               how many worker nodes besides the control plane
 * @param networkPolicyEnforced false for a flannel-like CNI: policies are accepted and ignored
 * @param proxyMode             how kube-proxy picks an endpoint
 * @param loadBalancerPool      whether a MetalLB-like pool hands out LoadBalancer IPs (else they stay pending)
 * @param defaultIngressClass   whether IngressClass {@code nginx} carries the is-default-class annotation
 */
public record ClusterProfile(String name, String description, int workers, boolean networkPolicyEnforced,
                             ProxyMode proxyMode, boolean loadBalancerPool, boolean defaultIngressClass) {

    /**
     * kube-proxy's mode. The endpoint choice: iptables and nftables pick at random per connection, IPVS's default
     * scheduler rotates. A ClusterIP on a port its Service does not define: iptables has no rule and the packet is
     * dropped (the client times out); nftables rejects it and IPVS's node answers with a reset (connection refused).
     */
    public enum ProxyMode { IPTABLES, IPVS, NFTABLES }

    /** The most workers a profile may have. */
    public static final int MAX_WORKERS = 100;

    public static final ClusterProfile DEFAULT = new ClusterProfile("default",
            "kind: control-plane + 2 workers, kube-proxy iptables, CoreDNS, ingress-nginx, MetalLB pool, "
                    + "NetworkPolicy enforced (Calico-like)",
            2, true, ProxyMode.IPTABLES, true, true);

    private static final Map<String, ClusterProfile> NAMED = new TreeMap<>();

    static {
        for (ClusterProfile p : List.of(DEFAULT,
                DEFAULT.with("single-worker", "like default, with one worker node", 1),
                DEFAULT.with("three-workers", "like default, with three worker nodes", 3),
                new ClusterProfile("no-network-policy",
                        "like default, but the CNI (flannel-like) accepts NetworkPolicies and ignores them",
                        2, false, ProxyMode.IPTABLES, true, true),
                new ClusterProfile("ipvs", "like default, but kube-proxy in IPVS mode: round-robin endpoint choice",
                        2, true, ProxyMode.IPVS, true, true),
                new ClusterProfile("nftables", "like default, but kube-proxy in nftables mode (GA in 1.33): a "
                        + "ClusterIP's undefined ports reject connections",
                        2, true, ProxyMode.NFTABLES, true, true),
                new ClusterProfile("no-lb-pool",
                        "like default, but no load-balancer pool: LoadBalancer Services stay <pending>",
                        2, true, ProxyMode.IPTABLES, false, true),
                new ClusterProfile("no-default-ingressclass",
                        "like default, but IngressClass nginx is not marked default: Ingresses must name it",
                        2, true, ProxyMode.IPTABLES, true, false))) {
            NAMED.put(p.name(), p);
        }
    }

    public ClusterProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(proxyMode, "proxyMode");
        // Up to 100 workers: node IPs 172.18.0.2-102 and podCIDRs 10.244.0-100.0/24 stay clear of everything
        // else; the benchmarks need about 91 workers for 10,000 pods at the kubelet's 110 pods per node.
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 1 and " + MAX_WORKERS + ": " + workers);
        }
    }

    private ClusterProfile with(String newName, String newDescription, int newWorkers) {
        return new ClusterProfile(newName, newDescription, newWorkers, networkPolicyEnforced, proxyMode,
                loadBalancerPool, defaultIngressClass);
    }

    public static Optional<ClusterProfile> named(String name) {
        return Optional.ofNullable(NAMED.get(name));
    }

    public static List<ClusterProfile> all() {
        return List.copyOf(NAMED.values());
    }
}
