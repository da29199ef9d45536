package academy.minicluster.net.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The kinds this API server serves, with the names kubectl accepts for them (plural, singular, short names),
 * their API group version and whether they are namespaced — what {@code kubectl api-resources} lists.
 */
public final class Kinds {

    /** One served resource type. */
    public record Resource(String kind, String plural, String singular, List<String> shortNames,
                           String apiVersion, boolean namespaced) {

        /** {@code deployment.apps}, {@code service}: how kubectl names the type in {@code -o name} and messages. */
        public String qualifiedSingular() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? singular : singular + "." + apiVersion.substring(0, slash);
        }
    }

    public static final List<Resource> ALL = List.of(
            new Resource("ClusterRole", "clusterroles", "clusterrole", List.of(), "rbac.authorization.k8s.io/v1", false),
            new Resource("ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", List.of(),
                    "rbac.authorization.k8s.io/v1", false),
            new Resource("ConfigMap", "configmaps", "configmap", List.of("cm"), "v1", true),
            new Resource("Deployment", "deployments", "deployment", List.of("deploy"), "apps/v1", true),
            new Resource("EndpointSlice", "endpointslices", "endpointslice", List.of(), "discovery.k8s.io/v1", true),
            new Resource("Endpoints", "endpoints", "endpoints", List.of("ep"), "v1", true),
            new Resource("Event", "events", "event", List.of("ev"), "v1", true),
            new Resource("GRPCRoute", "grpcroutes", "grpcroute", List.of(), "gateway.networking.k8s.io/v1", true),
            new Resource("Gateway", "gateways", "gateway", List.of("gtw"), "gateway.networking.k8s.io/v1", true),
            new Resource("GatewayClass", "gatewayclasses", "gatewayclass", List.of("gc"), "gateway.networking.k8s.io/v1", false),
            new Resource("HTTPRoute", "httproutes", "httproute", List.of(), "gateway.networking.k8s.io/v1", true),
            new Resource("Ingress", "ingresses", "ingress", List.of("ing"), "networking.k8s.io/v1", true),
            new Resource("IngressClass", "ingressclasses", "ingressclass", List.of(), "networking.k8s.io/v1", false),
            new Resource("Namespace", "namespaces", "namespace", List.of("ns"), "v1", false),
            new Resource("NetworkPolicy", "networkpolicies", "networkpolicy", List.of("netpol"), "networking.k8s.io/v1", true),
            new Resource("Node", "nodes", "node", List.of("no"), "v1", false),
            new Resource("Pod", "pods", "pod", List.of("po"), "v1", true),
            new Resource("ReferenceGrant", "referencegrants", "referencegrant", List.of("refgrant"), "gateway.networking.k8s.io/v1beta1", true),
            new Resource("ReplicaSet", "replicasets", "replicaset", List.of("rs"), "apps/v1", true),
            new Resource("Role", "roles", "role", List.of(), "rbac.authorization.k8s.io/v1", true),
            new Resource("RoleBinding", "rolebindings", "rolebinding", List.of(), "rbac.authorization.k8s.io/v1", true),
            new Resource("Secret", "secrets", "secret", List.of(), "v1", true),
            new Resource("Service", "services", "service", List.of("svc"), "v1", true),
            new Resource("ServiceAccount", "serviceaccounts", "serviceaccount", List.of("sa"), "v1", true));

    private static final Map<String, Resource> BY_NAME = new TreeMap<>();

    static {
        for (Resource r : ALL) {
            BY_NAME.put(r.kind().toLowerCase(Locale.ROOT), r);
            BY_NAME.put(r.plural(), r);
            BY_NAME.put(r.singular(), r);
            for (String s : r.shortNames()) {
                BY_NAME.put(s, r);
            }
            int slash = r.apiVersion().indexOf('/');
            if (slash > 0) {
                String group = r.apiVersion().substring(0, slash);
                BY_NAME.put(r.plural() + "." + group, r);
                BY_NAME.put(r.singular() + "." + group, r);
            }
        }
    }

    private Kinds() {
    }

    /** The resource kubectl means by {@code pods}, {@code po}, {@code Pod}, {@code deployments.apps}, ... */
    public static Optional<Resource> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public static Optional<Resource> byKind(String kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /** Kind -> resource: every write asks whether its kind is namespaced. */
    private static final Map<String, Resource> BY_KIND = byKindIndex();

    private static Map<String, Resource> byKindIndex() {
        Map<String, Resource> index = new java.util.HashMap<>();
        for (Resource r : ALL) {
            index.putIfAbsent(r.kind(), r);
        }
        return index;
    }

    public static boolean isNamespaced(String kind) {
        return byKind(kind).map(Resource::namespaced).orElse(true);
    }
}
