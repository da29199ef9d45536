package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds the mini-cluster's API server serves: what the REST mapper of a real cluster would resolve for them.
 * A manifest whose {@code apiVersion}/{@code kind} pair is not here gets kubectl's "no matches for kind" error, exactly
 * as a cluster answers for a kind it does not know (a typo, a CRD that is not installed, a removed beta version).
 */
public enum ApiKind {
    NAMESPACE("v1", "Namespace", "namespaces", Namespace.class, false, NameRule.DNS1123_LABEL),
    NODE("v1", "Node", "nodes", Node.class, false, NameRule.DNS1123_SUBDOMAIN),
    POD("v1", "Pod", "pods", Pod.class, true, NameRule.DNS1123_SUBDOMAIN),
    SERVICE("v1", "Service", "services", Service.class, true, NameRule.DNS1035_LABEL),
    ENDPOINTS("v1", "Endpoints", "endpoints", Endpoints.class, true, NameRule.DNS1123_SUBDOMAIN),
    SECRET("v1", "Secret", "secrets", Secret.class, true, NameRule.DNS1123_SUBDOMAIN),
    CONFIG_MAP("v1", "ConfigMap", "configmaps", ConfigMap.class, true, NameRule.DNS1123_SUBDOMAIN),
    SERVICE_ACCOUNT("v1", "ServiceAccount", "serviceaccounts", ServiceAccount.class, true,
            NameRule.DNS1123_SUBDOMAIN),
    // RBAC names are path segments (ValidateRBACName): "system:coredns" is a valid ClusterRole name.
    ROLE("rbac.authorization.k8s.io/v1", "Role", "roles", Role.class, true, NameRule.PATH_SEGMENT),
    CLUSTER_ROLE("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", ClusterRole.class, false,
            NameRule.PATH_SEGMENT),
    ROLE_BINDING("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", RoleBinding.class, true,
            NameRule.PATH_SEGMENT),
    CLUSTER_ROLE_BINDING("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings",
            ClusterRoleBinding.class, false, NameRule.PATH_SEGMENT),
    DEPLOYMENT("apps/v1", "Deployment", "deployments", Deployment.class, true, NameRule.DNS1123_SUBDOMAIN),
    REPLICA_SET("apps/v1", "ReplicaSet", "replicasets", ReplicaSet.class, true, NameRule.DNS1123_SUBDOMAIN),
    ENDPOINT_SLICE("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", EndpointSlice.class, true,
            NameRule.DNS1123_SUBDOMAIN),
    INGRESS("networking.k8s.io/v1", "Ingress", "ingresses", Ingress.class, true, NameRule.DNS1123_SUBDOMAIN),
    INGRESS_CLASS("networking.k8s.io/v1", "IngressClass", "ingressclasses", IngressClass.class, false,
            NameRule.DNS1123_SUBDOMAIN),
    NETWORK_POLICY("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", NetworkPolicy.class, true,
            NameRule.DNS1123_SUBDOMAIN),
    // Gateway API: custom resources of the CRDs the default profile installs (standard channel). A custom
    // resource's name is a DNS-1123 subdomain, as for most built-in kinds.
    GATEWAY_CLASS("gateway.networking.k8s.io/v1", "GatewayClass", "gatewayclasses", GatewayClass.class, false,
            NameRule.DNS1123_SUBDOMAIN),
    GATEWAY("gateway.networking.k8s.io/v1", "Gateway", "gateways", Gateway.class, true, NameRule.DNS1123_SUBDOMAIN),
    HTTP_ROUTE("gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes", HTTPRoute.class, true,
            NameRule.DNS1123_SUBDOMAIN),
    GRPC_ROUTE("gateway.networking.k8s.io/v1", "GRPCRoute", "grpcroutes", GRPCRoute.class, true,
            NameRule.DNS1123_SUBDOMAIN),
    REFERENCE_GRANT("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", "referencegrants", ReferenceGrant.class,
            true, NameRule.DNS1123_SUBDOMAIN);

    /** How {@code metadata.name} is validated for a kind ({@code ValidateServiceName}, {@code NameIsDNSSubdomain}...). */
    public enum NameRule {
        DNS1123_SUBDOMAIN,
        DNS1123_LABEL,
        DNS1035_LABEL,
        /** {@code path.IsValidPathSegmentName}: anything but {@code .}, {@code ..}, {@code /} and {@code %}. */
        PATH_SEGMENT;

        /** The apimachinery messages for an invalid name, empty when the name is valid. */
        public java.util.List<String> check(String name) {
            return switch (this) {
                case DNS1123_SUBDOMAIN -> Formats.dns1123Subdomain(name);
                case DNS1123_LABEL -> Formats.dns1123Label(name);
                case DNS1035_LABEL -> Formats.dns1035Label(name);
                case PATH_SEGMENT -> pathSegment(name);
            };
        }
    }

    private static java.util.List<String> pathSegment(String name) {
        if (name.equals(".") || name.equals("..")) {
            return java.util.List.of("may not be '" + name + "'");
        }
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (String illegal : java.util.List.of("/", "%")) {
            if (name.contains(illegal)) {
                messages.add("may not contain '" + illegal + "'");
            }
        }
        return messages;
    }

    private final String apiVersion;
    private final String kind;
    private final String resource;
    private final Class<? extends HasMetadata> type;
    private final boolean namespaced;
    private final NameRule nameRule;

    ApiKind(String apiVersion, String kind, String resource, Class<? extends HasMetadata> type, boolean namespaced,
            NameRule nameRule) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.resource = resource;
        this.type = type;
        this.namespaced = namespaced;
        this.nameRule = nameRule;
    }

    /** The kind with this apiVersion, or empty: the REST mapper has "no matches for kind". */
    public static Optional<ApiKind> of(String apiVersion, String kind) {
        for (ApiKind k : VALUES) {
            if (k.kind.equals(kind) && (k.apiVersion.equals(apiVersion) || k.alsoServed(apiVersion))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * Other versions the CRDs serve for the same schema: Gateway, GatewayClass and HTTPRoute in v1beta1 as well,
     * ReferenceGrant in v1 as well (Gateway API v1.4, which Envoy Gateway v1.6 installs). An object written in one
     * is stored and shown in the kind's version, as the API server converts it to its storage version.
     */
    private boolean alsoServed(String version) {
        return switch (this) {
            case GATEWAY_CLASS, GATEWAY, HTTP_ROUTE -> "gateway.networking.k8s.io/v1beta1".equals(version);
            case REFERENCE_GRANT -> "gateway.networking.k8s.io/v1".equals(version);
            default -> false;
        };
    }

    /** {@code values()} copies its array on every call; lookups run on every write. */
    private static final ApiKind[] VALUES = values();

    /** The kind of a decoded object (by its Java type, which is what the decoder produced). */
    public static ApiKind of(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        for (ApiKind k : VALUES) {
            if (k.type.isInstance(object)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a kind the API server serves: " + object.getClass().getName());
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** The API group, empty for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The plural resource name, as in {@code kubectl get services}. */
    public String resource() {
        return resource;
    }

    /**
     * The group-qualified kind as kube-apiserver names it in Status messages: {@code Service},
     * {@code Deployment.apps}, {@code Ingress.networking.k8s.io}.
     */
    public String qualifiedKind() {
        return group().isEmpty() ? kind : kind + "." + group();
    }

    /** How kubectl names the object in "created"/"configured" lines: {@code service/web}, {@code deployment.apps/web}. */
    public String kubectlName(String name) {
        String prefix = kind.toLowerCase(java.util.Locale.ROOT);
        return (group().isEmpty() ? prefix : prefix + "." + group()) + "/" + name;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public NameRule nameRule() {
        return nameRule;
    }
}
