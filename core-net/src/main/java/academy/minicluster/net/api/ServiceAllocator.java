package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The API server's ClusterIP and NodePort allocators (kube-apiserver allocates both inside the create call, so
 * a taken or out-of-range value is an error of that call).
 *
 * <p>Both ranges are split into a static lower band, kept for values users pick, and a dynamic upper band that
 * automatic allocation prefers (semantics §2.1, §2.7): ClusterIPs from 10.96.0.0/12 with a lower band of
 * min(max(16, size/16), 256) addresses; node ports 30000–32767 with a lower band of min(max(16, size/32), 128)
 * ports, i.e. 30000–30085. Within the band the choice is random, from the cluster's seed.
 */
public final class ServiceAllocator {

    private final ServiceNetwork network = ServiceNetwork.DEFAULT;
    private final Ipv4.Cidr serviceCidr = Ipv4.Cidr.parse(network.serviceCidr());
    private final Random random;

    public ServiceAllocator(Random random) {
        this.random = random;
    }

    /**
     * Fills {@code spec.clusterIP(s)}, node ports and the health-check node port of a Service being created or
     * updated, checking the values the user chose. {@code previous} is the stored version on update, else null.
     */
    public List<FieldError> allocate(Service service, Service previous, List<Service> others) {
        List<FieldError> errors = new ArrayList<>();
        var spec = service.getSpec();
        String type = Objects.requireNonNullElse(spec.getType(), "ClusterIP");
        Set<String> usedIps = new HashSet<>();
        Set<Integer> usedPorts = new HashSet<>();
        for (Service other : others) {
            if (sameObject(other, service)) {
                continue;
            }
            if (other.getSpec().getClusterIP() != null) {
                usedIps.add(other.getSpec().getClusterIP());
            }
            for (ServicePort p : other.getSpec().getPorts()) {
                if (p.getNodePort() != null) {
                    usedPorts.add(p.getNodePort());
                }
            }
            if (other.getSpec().getHealthCheckNodePort() != null) {
                usedPorts.add(other.getSpec().getHealthCheckNodePort());
            }
        }

        if ("ExternalName".equals(type)) {
            spec.setClusterIP(null);
            spec.setClusterIPs(null);
        } else {
            String requested = spec.getClusterIP();
            if ((requested == null || requested.isEmpty()) && previous != null) {
                requested = previous.getSpec().getClusterIP();
                spec.setClusterIP(requested);
            }
            if (requested == null || requested.isEmpty()) {
                spec.setClusterIP(nextClusterIp(usedIps));
            } else if (!"None".equals(requested)) {
                boolean unchanged = previous != null && requested.equals(previous.getSpec().getClusterIP());
                if (!unchanged && (usedIps.contains(requested) || isReserved(requested))) {
                    errors.add(network.clusterIpAlreadyAllocated(List.of(requested), requested));
                }
            }
            spec.setClusterIPs(spec.getClusterIP() == null ? null : List.of(spec.getClusterIP()));
        }

        boolean wantsNodePorts = "NodePort".equals(type)
                || ("LoadBalancer".equals(type) && !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts()));
        for (int i = 0; i < spec.getPorts().size(); i++) {
            ServicePort port = spec.getPorts().get(i);
            if (!wantsNodePorts) {
                if (!"LoadBalancer".equals(type)) {
                    port.setNodePort(null);
                }
                continue;
            }
            Integer requested = port.getNodePort();
            if (requested == null || requested == 0) {
                Integer kept = previousNodePort(previous, port);
                if (kept != null) {
                    port.setNodePort(kept);
                    usedPorts.add(kept);
                    continue;
                }
                int allocated = nextNodePort(usedPorts);
                port.setNodePort(allocated);
                usedPorts.add(allocated);
            } else if (usedPorts.contains(requested)) {
                errors.add(network.nodePortAlreadyAllocated(i, requested));
            } else {
                usedPorts.add(requested);
            }
        }

        boolean wantsHealthCheck = "LoadBalancer".equals(type) && "Local".equals(spec.getExternalTrafficPolicy());
        if (wantsHealthCheck) {
            if (spec.getHealthCheckNodePort() == null || spec.getHealthCheckNodePort() == 0) {
                Integer kept = previous == null ? null : previous.getSpec().getHealthCheckNodePort();
                spec.setHealthCheckNodePort(kept != null ? kept : nextNodePort(usedPorts));
            }
        } else {
            spec.setHealthCheckNodePort(null);
        }
        return errors;
    }

    private static boolean sameObject(Service a, Service b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    private static Integer previousNodePort(Service previous, ServicePort port) {
        if (previous == null) {
            return null;
        }
        for (ServicePort p : previous.getSpec().getPorts()) {
            if (p.getNodePort() != null && Objects.equals(p.getPort(), port.getPort())
                    && Objects.equals(p.getProtocol(), port.getProtocol())) {
                return p.getNodePort();
            }
        }
        return null;
    }

    private boolean isReserved(String ip) {
        long offset = serviceCidr.offsetOf(ip);
        return offset == 0 || offset == serviceCidr.size() - 1;
    }

    private String nextClusterIp(Set<String> used) {
        long low = network.ipStaticBandSize();
        long high = serviceCidr.size() - 2;
        while (true) {
            long offset = low + (long) (random.nextDouble() * (high - low + 1));
            String candidate = serviceCidr.address(offset);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
    }

    private int nextNodePort(Set<Integer> used) {
        int low = network.nodePortDynamicBandStart();
        int high = network.nodePortMax();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int candidate = low + random.nextInt(high - low + 1);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        for (int p = network.nodePortMin(); p <= high; p++) {
            if (!used.contains(p)) {
                return p;
            }
        }
        throw new IllegalStateException("node port range exhausted");
    }
}
