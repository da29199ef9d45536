package academy.minicluster.net.dataplane.proxy;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * kube-proxy's rules for one Service port — the {@code KUBE-SVC-*} chain and its endpoints — with the traffic
 * policies that filter them.
 *
 * @param endpoints every endpoint the Service's slices list for this port (name + protocol match), in address order
 */
public record ServicePortRules(Service service, ServicePort port, Protocol protocol, List<ServiceEndpoint> endpoints) {

    public ServicePortRules {
        endpoints = List.copyOf(endpoints);
    }

    public ObjectRef serviceRef() {
        return ObjectRef.of(service);
    }

    /** {@code default/web:http} or {@code default/web} for an unnamed port: the key kube-proxy logs. */
    public String name() {
        String base = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        return port.getName() == null || port.getName().isEmpty() ? base : base + ":" + port.getName();
    }

    public boolean internalTrafficPolicyLocal() {
        return "Local".equals(service.getSpec().getInternalTrafficPolicy());
    }

    public boolean externalTrafficPolicyLocal() {
        return "Local".equals(service.getSpec().getExternalTrafficPolicy());
    }

    public boolean sessionAffinityClientIp() {
        return "ClientIP".equals(service.getSpec().getSessionAffinity());
    }

    public int sessionAffinityTimeoutSeconds() {
        var config = service.getSpec().getSessionAffinityConfig();
        if (config != null && config.getClientIP() != null && config.getClientIP().getTimeoutSeconds() != null) {
            return config.getClientIP().getTimeoutSeconds();
        }
        return 10800;
    }

    /**
     * {@code CategorizeEndpoints}: the ready endpoints, or if there are none, the serving-and-terminating ones;
     * restricted to {@code node} when a Local policy applies (node null = no restriction).
     */
    public List<ServiceEndpoint> usable(String node) {
        List<ServiceEndpoint> ready = new ArrayList<>();
        List<ServiceEndpoint> terminating = new ArrayList<>();
        for (ServiceEndpoint e : endpoints) {
            if (node != null && !Objects.equals(node, e.nodeName())) {
                continue;
            }
            if (e.ready()) {
                ready.add(e);
            } else if (e.serving() && e.terminating()) {
                terminating.add(e);
            }
        }
        return ready.isEmpty() ? terminating : ready;
    }
}
