package academy.minicluster.net.dataplane.proxy;

import academy.minicluster.net.api.AssignedAddresses;
import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.api.WellKnownLabels;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What kube-proxy programs from Services and EndpointSlices: per Service port, the ClusterIP, node port,
 * load-balancer IP and external IP it answers on, and its endpoints. Compiled once per change of the cluster,
 * looked up in constant time per packet.
 */
public final class ServiceTable {

    private final Map<String, Map<String, ServicePortRules>> byClusterIp = new HashMap<>();
    private final Map<String, ServicePortRules> byNodePort = new HashMap<>();
    private final Map<String, Map<String, ServicePortRules>> byExternalIp = new HashMap<>();
    private final Map<Integer, Service> byHealthCheckNodePort = new HashMap<>();
    private final Map<ObjectRef, List<ServicePortRules>> byService = new HashMap<>();
    /** Headless Services: no kube-proxy rules, but their EndpointSlices (for proxies that read them). */
    private final Map<ObjectRef, List<ServicePortRules>> headless = new HashMap<>();

    private ServiceTable() {
    }

    /**
     * A Service with this label (whatever its value) is served by another proxy: kube-proxy's informer selects
     * {@code !service.kubernetes.io/service-proxy-name} and writes no rules for it.
     */
    public static final String SERVICE_PROXY_NAME_LABEL = "service.kubernetes.io/service-proxy-name";

    public static ServiceTable compile(List<Service> services, List<EndpointSlice> slices) {
        Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
        for (EndpointSlice slice : slices) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String serviceName = labels == null ? null : labels.get(WellKnownLabels.SERVICE_NAME);
            if (serviceName != null) {
                slicesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + serviceName,
                        k -> new ArrayList<>()).add(slice);
            }
        }
        ServiceTable table = new ServiceTable();
        for (Service service : services) {
            String type = Objects.requireNonNullElse(service.getSpec().getType(), "ClusterIP");
            String clusterIp = service.getSpec().getClusterIP();
            if ("None".equals(clusterIp) && !"ExternalName".equals(type)) {
                // kube-proxy ignores a headless Service; proxies that read EndpointSlices themselves (Envoy) do not.
                List<EndpointSlice> own = slicesByService.getOrDefault(
                        service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), List.of());
                List<ServicePortRules> rulesOfService = new ArrayList<>();
                for (ServicePort port : Objects.requireNonNullElse(service.getSpec().getPorts(), List.<ServicePort>of())) {
                    Protocol protocol = Protocol.parse(port.getProtocol());
                    rulesOfService.add(new ServicePortRules(service, port, protocol, endpoints(port, protocol, own)));
                }
                table.headless.put(ObjectRef.of(service), rulesOfService);
                continue;
            }
            if ("ExternalName".equals(type) || clusterIp == null || "None".equals(clusterIp)) {
                continue; // kube-proxy ignores headless and ExternalName Services
            }
            if (service.getMetadata().getLabels() != null
                    && service.getMetadata().getLabels().containsKey(SERVICE_PROXY_NAME_LABEL)) {
                continue; // another proxy serves it: kube-proxy watches only Services without this label
            }
            List<EndpointSlice> own = slicesByService.getOrDefault(
                    service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), List.of());
            List<ServicePortRules> rulesOfService = new ArrayList<>();
            for (ServicePort port : service.getSpec().getPorts()) {
                Protocol protocol = Protocol.parse(port.getProtocol());
                ServicePortRules rules = new ServicePortRules(service, port, protocol, endpoints(port, protocol, own));
                rulesOfService.add(rules);
                String key = key(port.getPort(), protocol);
                table.byClusterIp.computeIfAbsent(clusterIp, k -> new HashMap<>()).put(key, rules);
                if (port.getNodePort() != null && ("NodePort".equals(type) || "LoadBalancer".equals(type))) {
                    table.byNodePort.put(key(port.getNodePort(), protocol), rules);
                }
                String lbIp = "LoadBalancer".equals(type) ? AssignedAddresses.loadBalancerIp(service) : null;
                if (lbIp != null) {
                    table.byExternalIp.computeIfAbsent(lbIp, k -> new HashMap<>()).put(key, rules);
                }
                if (service.getSpec().getExternalIPs() != null) {
                    for (String ip : service.getSpec().getExternalIPs()) {
                        table.byExternalIp.computeIfAbsent(ip, k -> new HashMap<>()).put(key, rules);
                    }
                }
            }
            table.byService.put(ObjectRef.of(service), rulesOfService);
            if (service.getSpec().getHealthCheckNodePort() != null) {
                table.byHealthCheckNodePort.put(service.getSpec().getHealthCheckNodePort(), service);
            }
        }
        return table;
    }

    /** kube-proxy pairs slice ports with Service ports by name and protocol ({@code endpointslicecache.go}). */
    private static List<ServiceEndpoint> endpoints(ServicePort port, Protocol protocol, List<EndpointSlice> slices) {
        String name = Objects.requireNonNullElse(port.getName(), "");
        List<ServiceEndpoint> result = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (slice.getPorts() == null || slice.getEndpoints() == null) {
                continue;
            }
            for (EndpointPort p : slice.getPorts()) {
                if (!name.equals(Objects.requireNonNullElse(p.getName(), ""))
                        || protocol != Protocol.parse(p.getProtocol()) || p.getPort() == null || p.getPort() == 0) {
                    continue;
                }
                for (Endpoint e : slice.getEndpoints()) {
                    if (e.getAddresses() == null || e.getAddresses().isEmpty()) {
                        continue;
                    }
                    var c = e.getConditions();
                    // A nil condition means "unknown" and consumers treat it as ready/serving.
                    boolean ready = c == null || !Boolean.FALSE.equals(c.getReady());
                    boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
                    boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
                    ObjectRef target = e.getTargetRef() == null ? null
                            : new ObjectRef(e.getTargetRef().getKind(), e.getTargetRef().getNamespace(),
                                    e.getTargetRef().getName());
                    result.add(new ServiceEndpoint(e.getAddresses().get(0), p.getPort(), e.getNodeName(), ready,
                            serving, terminating, target, ObjectRef.of(slice)));
                }
            }
        }
        result.sort(Comparator.comparing(ServiceEndpoint::ip).thenComparingInt(ServiceEndpoint::port));
        return result;
    }

    static String key(int port, Protocol protocol) {
        return port + "/" + protocol;
    }

    /** The rules of a ClusterIP, or null when the address is no Service's. */
    public Map<String, ServicePortRules> clusterIp(String ip) {
        return byClusterIp.get(ip);
    }

    public ServicePortRules nodePort(int port, Protocol protocol) {
        return byNodePort.get(key(port, protocol));
    }

    /** Load-balancer ingress IPs and externalIPs: the "external" destinations of a Service. */
    public Map<String, ServicePortRules> externalIp(String ip) {
        return byExternalIp.get(ip);
    }

    public Service healthCheck(int nodePort) {
        return byHealthCheckNodePort.get(nodePort);
    }

    /**
     * The ports and endpoints of a Service as a proxy that reads EndpointSlices itself sees them (Envoy Gateway):
     * those of {@link #rulesOf}, and those of headless Services, which kube-proxy has no rules for.
     */
    public List<ServicePortRules> upstreamsOf(ObjectRef service) {
        List<ServicePortRules> rules = rulesOf(service);
        return rules.isEmpty() ? headless.getOrDefault(service, List.of()) : rules;
    }

    public List<ServicePortRules> rulesOf(ObjectRef service) {
        return byService.getOrDefault(service, List.of());
    }
}
