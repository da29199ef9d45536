package academy.minicluster.web.topology;

import academy.minicluster.net.profile.ClusterNetwork;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ObjectStore;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the topology view shows of a cluster: nodes and their pods (IPs, readiness), Services and their endpoints,
 * Ingresses and the Services they route to, Gateways with the HTTPRoutes and GRPCRoutes attached to them and the
 * Services those route to, NetworkPolicies. The system namespaces (kube-system, ingress-nginx ...)
 * are left out: they are the cluster's plumbing, not the learner's work. Everything is sorted, so the same cluster
 * always draws the same picture.
 */
public record Topology(List<NodeInfo> nodes, List<ServiceInfo> services, List<IngressInfo> ingresses,
                       List<GatewayInfo> gateways, List<PolicyInfo> policies) {

    /** Namespaces the view leaves out. */
    public static final Set<String> SYSTEM_NAMESPACES = ClusterNetwork.SYSTEM_NAMESPACES;

    public record NodeInfo(String name, String internalIp, List<PodInfo> pods) {
    }

    public record PodInfo(String namespace, String name, String node, String ip, boolean ready, String phase) {
        public String ref() {
            return namespace + "/" + name;
        }
    }

    public record ServiceInfo(String namespace, String name, String type, String clusterIp, String ports,
                              List<EndpointInfo> endpoints) {
        public String ref() {
            return namespace + "/" + name;
        }
    }

    public record EndpointInfo(String ip, boolean ready, String pod) {
    }

    public record IngressInfo(String namespace, String name, List<RouteInfo> routes) {
    }

    public record RouteInfo(String host, String path, String service, String port) {
    }

    public record PolicyInfo(String namespace, String name, String podSelector, String policyTypes) {
    }

    /**
     * A Gateway: its class, address ({@code status.addresses}, "" while pending), listeners ({@code http HTTP/80})
     * and the routes whose parentRefs name it.
     */
    public record GatewayInfo(String namespace, String name, String className, String address, String listeners,
                              List<GatewayRouteInfo> routes) {
    }

    /**
     * An HTTPRoute or GRPCRoute attached to a Gateway: its hostnames ("*" for any), whether that Gateway accepted it
     * ({@code Accepted}, or the reason it did not, from the route's status) and the Services its rules send to.
     */
    public record GatewayRouteInfo(String kind, String namespace, String name, String hostnames, String accepted,
                                   List<BackendInfo> backends) {
    }

    /** A backendRef: the Service (namespace/name), its port and weight ("" when the rule has one backend). */
    public record BackendInfo(String namespace, String service, String port, String weight) {
    }

    public static Topology of(Cluster cluster) {
        ObjectStore store = cluster.store();
        List<Pod> pods = store.list(Pod.class, "Pod").stream().filter(Topology::visible).toList();
        Map<String, List<PodInfo>> byNode = new TreeMap<>();
        List<NodeInfo> nodes = new ArrayList<>();
        for (Node n : sorted(store.list(Node.class, "Node"))) {
            byNode.put(n.getMetadata().getName(), new ArrayList<>());
        }
        List<PodInfo> unscheduled = new ArrayList<>();
        for (Pod p : sorted(pods)) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            PodInfo info = new PodInfo(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                    node == null ? "" : node, p.getStatus() == null || p.getStatus().getPodIP() == null ? ""
                    : p.getStatus().getPodIP(), ready(p),
                    p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase());
            if (node != null && byNode.containsKey(node)) {
                byNode.get(node).add(info);
            } else {
                unscheduled.add(info);
            }
        }
        for (Node n : sorted(store.list(Node.class, "Node"))) {
            String name = n.getMetadata().getName();
            String ip = n.getStatus() == null || n.getStatus().getAddresses() == null ? "" : n.getStatus()
                    .getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                    .map(NodeAddress::getAddress).findFirst().orElse("");
            nodes.add(new NodeInfo(name, ip, byNode.get(name)));
        }
        if (!unscheduled.isEmpty()) {
            nodes.add(new NodeInfo("(not scheduled)", "", unscheduled));
        }
        Map<String, String> podByIp = new TreeMap<>();
        for (Pod p : pods) {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
                podByIp.put(p.getMetadata().getNamespace() + "|" + p.getStatus().getPodIP(), p.getMetadata().getName());
            }
        }
        List<EndpointSlice> slices = store.list(EndpointSlice.class, "EndpointSlice");
        List<ServiceInfo> services = new ArrayList<>();
        for (Service s : sorted(store.list(Service.class, "Service"))) {
            if (!visible(s.getMetadata().getNamespace())) {
                continue;
            }
            String ns = s.getMetadata().getNamespace();
            String name = s.getMetadata().getName();
            List<EndpointInfo> endpoints = new ArrayList<>();
            for (EndpointSlice slice : slices) {
                Map<String, String> labels = slice.getMetadata().getLabels();
                if (!ns.equals(slice.getMetadata().getNamespace()) || labels == null
                        || !name.equals(labels.get("kubernetes.io/service-name")) || slice.getEndpoints() == null) {
                    continue;
                }
                String port = slice.getPorts() == null || slice.getPorts().isEmpty()
                        || slice.getPorts().get(0).getPort() == null ? "" : ":" + slice.getPorts().get(0).getPort();
                for (Endpoint e : slice.getEndpoints()) {
                    boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
                    for (String ip : e.getAddresses()) {
                        endpoints.add(new EndpointInfo(ip + port, ready, podByIp.getOrDefault(ns + "|" + ip, "")));
                    }
                }
            }
            endpoints.sort(Comparator.comparing(EndpointInfo::ip));
            var spec = s.getSpec();
            String ports = spec.getPorts() == null ? "" : spec.getPorts().stream().map(Topology::port)
                    .collect(Collectors.joining(","));
            services.add(new ServiceInfo(ns, name, Objects.requireNonNullElse(spec.getType(), "ClusterIP"),
                    Objects.requireNonNullElse(spec.getClusterIP(), ""), ports, endpoints));
        }
        List<IngressInfo> ingresses = new ArrayList<>();
        for (Ingress i : sorted(store.list(Ingress.class, "Ingress"))) {
            List<RouteInfo> routes = new ArrayList<>();
            if (i.getSpec() != null && i.getSpec().getRules() != null) {
                for (IngressRule r : i.getSpec().getRules()) {
                    if (r.getHttp() == null || r.getHttp().getPaths() == null) {
                        continue;
                    }
                    for (HTTPIngressPath p : r.getHttp().getPaths()) {
                        var svc = p.getBackend() == null ? null : p.getBackend().getService();
                        String port = svc == null || svc.getPort() == null ? "" : svc.getPort().getNumber() != null
                                ? String.valueOf(svc.getPort().getNumber()) : Objects.toString(svc.getPort().getName(), "");
                        routes.add(new RouteInfo(r.getHost() == null ? "*" : r.getHost(),
                                Objects.requireNonNullElse(p.getPath(), "/"), svc == null ? "" : svc.getName(), port));
                    }
                }
            }
            if (i.getSpec() != null && i.getSpec().getDefaultBackend() != null
                    && i.getSpec().getDefaultBackend().getService() != null) {
                routes.add(new RouteInfo("*", "(default)", i.getSpec().getDefaultBackend().getService().getName(), ""));
            }
            ingresses.add(new IngressInfo(i.getMetadata().getNamespace(), i.getMetadata().getName(), routes));
        }
        List<PolicyInfo> policies = new ArrayList<>();
        for (NetworkPolicy np : sorted(store.list(NetworkPolicy.class, "NetworkPolicy"))) {
            var spec = np.getSpec();
            policies.add(new PolicyInfo(np.getMetadata().getNamespace(), np.getMetadata().getName(),
                    selector(spec == null ? null : spec.getPodSelector()),
                    spec == null || spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty() ? "Ingress"
                            : String.join(",", spec.getPolicyTypes())));
        }
        return new Topology(nodes, services, ingresses, gateways(store), policies);
    }

    private static List<GatewayInfo> gateways(ObjectStore store) {
        List<HTTPRoute> httpRoutes = sorted(store.list(HTTPRoute.class, "HTTPRoute"));
        List<GRPCRoute> grpcRoutes = sorted(store.list(GRPCRoute.class, "GRPCRoute"));
        List<GatewayInfo> out = new ArrayList<>();
        for (Gateway g : sorted(store.list(Gateway.class, "Gateway"))) {
            String ns = g.getMetadata().getNamespace();
            String name = g.getMetadata().getName();
            String address = g.getStatus() == null || g.getStatus().getAddresses() == null
                    || g.getStatus().getAddresses().isEmpty() ? "" : g.getStatus().getAddresses().get(0).getValue();
            String listeners = g.getSpec() == null || g.getSpec().getListeners() == null ? ""
                    : g.getSpec().getListeners().stream().map(l -> l.getName() + " " + l.getProtocol() + "/" + l.getPort()
                    + (l.getHostname() == null ? "" : " " + l.getHostname())).collect(Collectors.joining(", "));
            List<GatewayRouteInfo> routes = new ArrayList<>();
            for (HTTPRoute r : httpRoutes) {
                if (r.getSpec() != null && namesGateway(r.getSpec().getParentRefs(), r.getMetadata().getNamespace(), ns, name)) {
                    List<BackendInfo> backends = new ArrayList<>();
                    for (var rule : list(r.getSpec().getRules())) {
                        var refs = list(rule.getBackendRefs());
                        for (var b : refs) {
                            backends.add(backend(r.getMetadata().getNamespace(), b.getNamespace(), b.getName(),
                                    b.getPort(), refs.size() > 1 ? b.getWeight() : null));
                        }
                    }
                    routes.add(new GatewayRouteInfo("HTTPRoute", r.getMetadata().getNamespace(), r.getMetadata().getName(),
                            hostnames(r.getSpec().getHostnames()),
                            accepted(r.getStatus() == null ? null : r.getStatus().getParents(), ns, name), backends));
                }
            }
            for (GRPCRoute r : grpcRoutes) {
                if (r.getSpec() != null && namesGateway(r.getSpec().getParentRefs(), r.getMetadata().getNamespace(), ns, name)) {
                    List<BackendInfo> backends = new ArrayList<>();
                    for (var rule : list(r.getSpec().getRules())) {
                        var refs = list(rule.getBackendRefs());
                        for (var b : refs) {
                            backends.add(backend(r.getMetadata().getNamespace(), b.getNamespace(), b.getName(),
                                    b.getPort(), refs.size() > 1 ? b.getWeight() : null));
                        }
                    }
                    routes.add(new GatewayRouteInfo("GRPCRoute", r.getMetadata().getNamespace(), r.getMetadata().getName(),
                            hostnames(r.getSpec().getHostnames()),
                            accepted(r.getStatus() == null ? null : r.getStatus().getParents(), ns, name), backends));
                }
            }
            out.add(new GatewayInfo(ns, name, g.getSpec() == null ? "" : Objects.toString(g.getSpec().getGatewayClassName(), ""),
                    address, listeners, routes));
        }
        return out;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** Whether a parentRef names the Gateway (kind Gateway, its namespace defaulting to the route's). */
    private static boolean namesGateway(List<ParentReference> refs, String routeNamespace, String ns, String name) {
        for (ParentReference p : list(refs)) {
            if ((p.getKind() == null || "Gateway".equals(p.getKind())) && name.equals(p.getName())
                    && ns.equals(Objects.requireNonNullElse(p.getNamespace(), routeNamespace))) {
                return true;
            }
        }
        return false;
    }

    private static BackendInfo backend(String routeNamespace, String namespace, String name, Integer port, Integer weight) {
        return new BackendInfo(Objects.requireNonNullElse(namespace, routeNamespace), Objects.toString(name, ""),
                port == null ? "" : String.valueOf(port), weight == null ? "" : String.valueOf(weight));
    }

    private static String hostnames(List<String> hostnames) {
        return hostnames == null || hostnames.isEmpty() ? "*" : String.join(",", hostnames);
    }

    /** {@code Accepted}, the reason the Gateway did not accept the route, or "not yet accepted" without a status. */
    private static String accepted(List<RouteParentStatus> parents, String ns, String name) {
        for (RouteParentStatus p : list(parents)) {
            if (p.getParentRef() == null || !name.equals(p.getParentRef().getName())
                    || (p.getParentRef().getNamespace() != null && !ns.equals(p.getParentRef().getNamespace()))) {
                continue;
            }
            for (Condition c : list(p.getConditions())) {
                if ("Accepted".equals(c.getType())) {
                    return "True".equals(c.getStatus()) ? "Accepted" : "not accepted (" + c.getReason() + ")";
                }
            }
        }
        return "not yet accepted";
    }

    /** The view as text: the alternative to the drawing, for screen readers and copying. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("Nodes and pods:\n");
        for (NodeInfo n : nodes) {
            s.append("  Node ").append(n.name()).append(n.internalIp().isEmpty() ? "" : " (" + n.internalIp() + ")")
                    .append(n.pods().isEmpty() ? ": no pods" : "").append('\n');
            for (PodInfo p : n.pods()) {
                s.append("    Pod ").append(p.ref()).append(' ').append(p.ip().isEmpty() ? "(no IP)" : p.ip())
                        .append(' ').append(p.ready() ? "ready" : "not ready (" + p.phase() + ")").append('\n');
            }
        }
        s.append("Services:\n");
        if (services.isEmpty()) {
            s.append("  none\n");
        }
        for (ServiceInfo v : services) {
            s.append("  Service ").append(v.ref()).append(' ').append(v.type()).append(' ').append(v.clusterIp())
                    .append(" ports ").append(v.ports()).append(" -> ");
            s.append(v.endpoints().isEmpty() ? "no endpoints" : v.endpoints().stream()
                    .map(e -> e.ip() + (e.pod().isEmpty() ? "" : " (" + e.pod() + ")") + (e.ready() ? "" : " not ready"))
                    .collect(Collectors.joining(", ")));
            s.append('\n');
        }
        s.append("Ingresses:\n");
        if (ingresses.isEmpty()) {
            s.append("  none\n");
        }
        for (IngressInfo i : ingresses) {
            s.append("  Ingress ").append(i.namespace()).append('/').append(i.name()).append('\n');
            for (RouteInfo r : i.routes()) {
                s.append("    ").append(r.host()).append(r.path()).append(" -> Service ").append(r.service())
                        .append(r.port().isEmpty() ? "" : ":" + r.port()).append('\n');
            }
        }
        s.append("Gateways:\n");
        if (gateways.isEmpty()) {
            s.append("  none\n");
        }
        for (GatewayInfo g : gateways) {
            s.append("  Gateway ").append(g.namespace()).append('/').append(g.name()).append(" (class ")
                    .append(g.className()).append(g.address().isEmpty() ? ", no address" : ", " + g.address())
                    .append(") listeners ").append(g.listeners()).append('\n');
            for (GatewayRouteInfo r : g.routes()) {
                s.append("    ").append(r.kind()).append(' ').append(r.namespace()).append('/').append(r.name())
                        .append(' ').append(r.hostnames()).append(": ").append(r.accepted()).append(" -> ")
                        .append(r.backends().isEmpty() ? "no backends" : r.backends().stream()
                                .map(Topology::backendText).collect(Collectors.joining(", "))).append('\n');
            }
        }
        s.append("NetworkPolicies:\n");
        if (policies.isEmpty()) {
            s.append("  none\n");
        }
        for (PolicyInfo p : policies) {
            s.append("  NetworkPolicy ").append(p.namespace()).append('/').append(p.name()).append(" selects ")
                    .append(p.podSelector()).append(" (").append(p.policyTypes()).append(")\n");
        }
        return s.toString();
    }

    /** {@code Service shop/api-v1:80 weight 90} (the weight only when the rule splits traffic). */
    static String backendText(BackendInfo b) {
        return "Service " + b.namespace() + "/" + b.service() + (b.port().isEmpty() ? "" : ":" + b.port())
                + (b.weight().isEmpty() ? "" : " weight " + b.weight());
    }

    static String selector(LabelSelector sel) {
        if (sel == null || (sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty())) {
            return "all pods";
        }
        List<String> parts = new ArrayList<>();
        if (sel.getMatchLabels() != null) {
            new TreeMap<>(sel.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (sel.getMatchExpressions() != null) {
            sel.getMatchExpressions().forEach(e -> parts.add(e.getKey() + " " + e.getOperator()
                    + (e.getValues() == null ? "" : " (" + String.join(",", e.getValues()) + ")")));
        }
        return String.join(",", parts);
    }

    private static String port(ServicePort p) {
        String s = String.valueOf(p.getPort());
        if (p.getNodePort() != null) {
            s += ":" + p.getNodePort();
        }
        return s + "/" + Objects.requireNonNullElse(p.getProtocol(), "TCP");
    }

    private static boolean ready(Pod p) {
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static boolean visible(Pod p) {
        return visible(p.getMetadata().getNamespace());
    }

    private static boolean visible(String namespace) {
        return namespace == null || !SYSTEM_NAMESPACES.contains(namespace);
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> sorted(List<T> objects) {
        List<T> copy = new ArrayList<>(objects);
        copy.sort(Comparator.comparing((T o) -> Objects.toString(o.getMetadata().getNamespace(), ""))
                .thenComparing(o -> o.getMetadata().getName()));
        return copy;
    }
}
