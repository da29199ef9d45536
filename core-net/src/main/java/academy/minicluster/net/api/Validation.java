package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * kube-apiserver's object validation ({@code pkg/apis/core/validation}, {@code apps}, {@code discovery},
 * {@code networking}) for the kinds the mini-cluster serves, run on a decoded and {@linkplain Defaults defaulted}
 * object, in the order the Go code checks, with its exact wording. An empty list means the object is valid.
 *
 * <p>Object-level rules only. What needs the rest of the cluster — is this ClusterIP or nodePort already taken — is the
 * object store's; {@link ServiceNetwork} words those refusals. The Ingress and NetworkPolicy spec rules live with the
 * ingress and policy packages; here those kinds get their metadata checked.
 *
 * <p>For a Service, {@link #validate} also does what the Service storage does before validation on create: the
 * {@code clusterIPs} pre-check and the allocators' range checks, which kube-apiserver reports alone, before any other
 * field error.
 */
public final class Validation {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> SERVICE_TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
    private static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    private static final List<String> RESTART_POLICIES = List.of("Always", "Never", "OnFailure");
    private static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final List<String> URI_SCHEMES = List.of("HTTP", "HTTPS");
    private static final List<String> DEPLOYMENT_STRATEGIES = List.of("Recreate", "RollingUpdate");
    private static final String IMMUTABLE = "field is immutable";
    private static final int ANNOTATIONS_LIMIT = 256 * 1024;
    private static final Pattern HTTP_PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

    private final ServiceNetwork network;

    public Validation(ServiceNetwork network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    public Validation() {
        this(ServiceNetwork.DEFAULT);
    }

    /** Validation on create. */
    public List<FieldError> validate(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        ApiKind kind = ApiKind.of(object);
        Errors errs = new Errors();
        if (kind == ApiKind.SERVICE) {
            Service service = (Service) object;
            List<FieldError> early = serviceStorageChecks(service);
            if (!early.isEmpty()) {
                return early;
            }
        }
        objectMeta(object.getMetadata(), kind, errs);
        switch (kind) {
            case SERVICE -> service((Service) object, errs);
            case POD -> pod((Pod) object, errs);
            case DEPLOYMENT -> deployment((Deployment) object, errs);
            case REPLICA_SET -> replicaSet((ReplicaSet) object, errs);
            case ENDPOINT_SLICE -> endpointSlice((EndpointSlice) object, errs);
            case SECRET -> secret((Secret) object, errs);
            case CONFIG_MAP -> configMap((ConfigMap) object, errs);
            case ROLE -> RbacValidation.role((io.fabric8.kubernetes.api.model.rbac.Role) object).forEach(errs::add);
            case CLUSTER_ROLE -> RbacValidation.clusterRole((io.fabric8.kubernetes.api.model.rbac.ClusterRole) object)
                    .forEach(errs::add);
            case ROLE_BINDING -> RbacValidation.roleBinding((io.fabric8.kubernetes.api.model.rbac.RoleBinding) object)
                    .forEach(errs::add);
            case CLUSTER_ROLE_BINDING -> RbacValidation.clusterRoleBinding(
                    (io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) object).forEach(errs::add);
            case INGRESS_CLASS -> ingressClass((IngressClass) object, errs);
            case GATEWAY_CLASS, GATEWAY, HTTP_ROUTE, GRPC_ROUTE, REFERENCE_GRANT -> {
                // A custom resource: its CRD's OpenAPI schema first, then its CEL rules (apiextensions-apiserver).
                List<FieldError> schemaErrors = CustomResourceSchema.of(kind.kind()).map(s -> s.validate(object))
                        .orElse(List.of());
                schemaErrors.forEach(errs::add);
                if (schemaErrors.isEmpty()) {
                    // CEL rules run on a well-typed object only
                    GatewayApiRules.validate(object).forEach(errs::add);
                }
            }
            default -> {
                // Namespace, Node, Endpoints: metadata only. Ingress, NetworkPolicy: spec rules in their packages.
            }
        }
        return errs.list();
    }

    /**
     * Validation on update: the immutability rules, then everything {@link #validate} checks (without the Service
     * allocation checks, which only run on create). Expects {@link Defaults#applyUpdate} to have run on the new
     * object, as kube-apiserver defaults and normalises before it validates.
     */
    public List<FieldError> validateUpdate(HasMetadata old, HasMetadata updated) {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(updated, "updated");
        ApiKind kind = ApiKind.of(updated);
        if (ApiKind.of(old) != kind) {
            throw new IllegalArgumentException("cannot update a " + ApiKind.of(old).kind() + " into a " + kind.kind());
        }
        if (kind == ApiKind.SERVICE) {
            // beginUpdate allocates new nodePorts (e.g. ClusterIP -> NodePort) before validation runs.
            Optional<FieldError> range = allocationRangeError((Service) updated)
                    .filter(error -> error.field().endsWith(".nodePort"));
            if (range.isPresent()) {
                return List.of(range.get());
            }
        }
        Errors errs = new Errors();
        immutable(updated.getMetadata().getName(), old.getMetadata().getName(), "metadata.name", errs);
        immutable(nullToEmpty(updated.getMetadata().getNamespace()), nullToEmpty(old.getMetadata().getNamespace()),
                "metadata.namespace", errs);
        switch (kind) {
            case SERVICE -> serviceUpdate((Service) old, (Service) updated, errs);
            case DEPLOYMENT -> selectorImmutable(((Deployment) old).getSpec().getSelector(),
                    ((Deployment) updated).getSpec().getSelector(), errs);
            case REPLICA_SET -> selectorImmutable(((ReplicaSet) old).getSpec().getSelector(),
                    ((ReplicaSet) updated).getSpec().getSelector(), errs);
            case ENDPOINT_SLICE -> immutable(((EndpointSlice) updated).getAddressType(),
                    ((EndpointSlice) old).getAddressType(), "addressType", errs);
            case SECRET -> secretUpdate((Secret) old, (Secret) updated, errs);
            case CONFIG_MAP -> configMapUpdate((ConfigMap) old, (ConfigMap) updated, errs);
            case ROLE_BINDING -> RbacValidation.roleRefUpdate(
                    ((io.fabric8.kubernetes.api.model.rbac.RoleBinding) old).getRoleRef(),
                    ((io.fabric8.kubernetes.api.model.rbac.RoleBinding) updated).getRoleRef()).forEach(errs::add);
            case CLUSTER_ROLE_BINDING -> RbacValidation.roleRefUpdate(
                    ((io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) old).getRoleRef(),
                    ((io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) updated).getRoleRef())
                    .forEach(errs::add);
            case INGRESS_CLASS -> {
                String before = ((IngressClass) old).getSpec() == null ? null : ((IngressClass) old).getSpec().getController();
                String after = ((IngressClass) updated).getSpec() == null ? null
                        : ((IngressClass) updated).getSpec().getController();
                immutable(after, before, "spec.controller", errs);
            }
            default -> {
            }
        }
        List<FieldError> all = new ArrayList<>(errs.list());
        Errors rest = new Errors();
        objectMeta(updated.getMetadata(), kind, rest);
        switch (kind) {
            case SERVICE -> service((Service) updated, rest);
            case POD -> pod((Pod) updated, rest);
            case DEPLOYMENT -> deployment((Deployment) updated, rest);
            case REPLICA_SET -> replicaSet((ReplicaSet) updated, rest);
            case ENDPOINT_SLICE -> endpointSlice((EndpointSlice) updated, rest);
            case SECRET -> secret((Secret) updated, rest);
            case CONFIG_MAP -> configMap((ConfigMap) updated, rest);
            case ROLE -> RbacValidation.role((io.fabric8.kubernetes.api.model.rbac.Role) updated).forEach(rest::add);
            case CLUSTER_ROLE -> RbacValidation.clusterRole((io.fabric8.kubernetes.api.model.rbac.ClusterRole) updated)
                    .forEach(rest::add);
            case ROLE_BINDING -> RbacValidation.roleBinding((io.fabric8.kubernetes.api.model.rbac.RoleBinding) updated)
                    .forEach(rest::add);
            case CLUSTER_ROLE_BINDING -> RbacValidation.clusterRoleBinding(
                    (io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) updated).forEach(rest::add);
            case INGRESS_CLASS -> ingressClass((IngressClass) updated, rest);
            case GATEWAY_CLASS, GATEWAY, HTTP_ROUTE, GRPC_ROUTE, REFERENCE_GRANT -> {
                List<FieldError> schemaErrors = CustomResourceSchema.of(kind.kind()).map(s -> s.validate(updated))
                        .orElse(List.of());
                schemaErrors.forEach(rest::add);
                if (schemaErrors.isEmpty()) {
                    GatewayApiRules.validate(updated).forEach(rest::add);
                    GatewayApiRules.validateUpdate(old, updated).forEach(rest::add);
                }
            }
            default -> {
            }
        }
        all.addAll(rest.list());
        return all;
    }

    /**
     * The whole error as kubectl prints it: {@code The Service "web" is invalid: spec.ports[1].name: Required value},
     * or, for several, the first line followed by one {@code * } bullet per error (kubectl's
     * {@code MultilineError}; note the space kubectl leaves after the colon of the first line).
     */
    public static String invalidMessage(String kind, String name, List<FieldError> errors) {
        String head = "The " + kind + " " + GoValue.quote(name) + " is invalid";
        if (errors.isEmpty()) {
            return head;
        }
        if (errors.size() == 1) {
            return head + ": " + errors.get(0);
        }
        StringBuilder s = new StringBuilder(head).append(": ");
        for (FieldError error : errors) {
            s.append("\n* ").append(error);
        }
        return s.toString();
    }

    /**
     * The message of kube-apiserver's 422 Status ({@code errors.NewInvalid}): {@code Deployment.apps "web" is invalid:
     * [a, b]}, duplicates dropped as {@code ErrorList.ToAggregate} drops them. This is what clients other than kubectl
     * (and kubectl for several objects at once) show.
     */
    public static String statusMessage(String qualifiedKind, String name, List<FieldError> errors) {
        Set<String> messages = new LinkedHashSet<>();
        for (FieldError error : errors) {
            messages.add(error.toString());
        }
        String aggregate = messages.size() == 1 ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
        return qualifiedKind + " " + GoValue.quote(name) + " is invalid: " + aggregate;
    }

    // ---- metadata ---------------------------------------------------------------------------------------------------

    private static void objectMeta(ObjectMeta meta, ApiKind kind, Errors errs) {
        if (meta == null) {
            meta = new ObjectMeta();
        }
        String name = nullToEmpty(meta.getName());
        if (name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            for (String msg : kind.nameRule().check(name)) {
                errs.add(FieldError.invalid("metadata.name", name, msg));
            }
        }
        String namespace = nullToEmpty(meta.getNamespace());
        if (kind.namespaced()) {
            if (namespace.isEmpty()) {
                errs.add(FieldError.required("metadata.namespace", ""));
            } else {
                for (String msg : Formats.dns1123Label(namespace)) {
                    errs.add(FieldError.invalid("metadata.namespace", namespace, msg));
                }
            }
        } else if (!namespace.isEmpty()) {
            errs.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        labels(meta.getLabels(), "metadata.labels", errs);
        annotations(meta.getAnnotations(), errs);
    }

    /** {@code ValidateLabels}: every key a qualified name, every value a label value. */
    static void labels(Map<String, String> labels, String path, Errors errs) {
        if (labels == null) {
            return;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            for (String msg : Formats.labelKey(label.getKey())) {
                errs.add(FieldError.invalid(path, label.getKey(), msg));
            }
            String value = nullToEmpty(label.getValue());
            for (String msg : Formats.labelValue(value)) {
                errs.add(FieldError.invalid(path, value, msg));
            }
        }
    }

    private static void annotations(Map<String, String> annotations, Errors errs) {
        if (annotations == null) {
            return;
        }
        long size = 0;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            for (String msg : Formats.labelKey(annotation.getKey().toLowerCase(java.util.Locale.ROOT))) {
                errs.add(FieldError.invalid("metadata.annotations", annotation.getKey(), msg));
            }
            // ValidateAnnotationsSize: Go's len(), bytes of UTF-8, of every key and value.
            size += utf8Length(annotation.getKey()) + utf8Length(annotation.getValue());
        }
        if (size > ANNOTATIONS_LIMIT) {
            errs.add(new FieldError("metadata.annotations", FieldError.Type.TOO_LONG, null,
                    "may not be more than " + ANNOTATIONS_LIMIT + " bytes"));
        }
    }

    // ---- Service ----------------------------------------------------------------------------------------------------

    /**
     * What the Service storage checks before validation on create ({@code beginCreate}): the clusterIPs pre-check of
     * {@code initIPFamilyFields}, then the allocators' range checks for a requested ClusterIP and requested nodePorts.
     * kube-apiserver returns these alone.
     */
    public List<FieldError> serviceStorageChecks(Service service) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        Errors errs = new Errors();
        clusterIPsRelatedFields(spec, errs);
        if (!errs.list().isEmpty()) {
            return errs.list();
        }
        Optional<FieldError> range = allocationRangeError(service);
        return range.map(List::of).orElse(List.of());
    }

    /**
     * The first refusal of the ClusterIP and nodePort allocators for values the user asked for: a ClusterIP outside the
     * Service CIDR, a nodePort outside the node port range. Whether a value is already taken is for the store to add.
     */
    public Optional<FieldError> allocationRangeError(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null || "ExternalName".equals(spec.getType())) {
            return Optional.empty();
        }
        List<String> clusterIPs = list(spec.getClusterIPs());
        if (!clusterIPs.isEmpty() && !"None".equals(clusterIPs.get(0))) {
            for (String ip : clusterIPs) {
                if (Formats.isIpv4(ip) && !network.isAllocatableClusterIp(ip)) {
                    return Optional.of(network.clusterIpOutOfRange(clusterIPs, ip));
                }
            }
        }
        if ("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType())) {
            List<ServicePort> ports = list(spec.getPorts());
            for (int i = 0; i < ports.size(); i++) {
                Integer nodePort = ports.get(i).getNodePort();
                if (nodePort != null && nodePort != 0 && !network.containsNodePort(nodePort)) {
                    return Optional.of(network.nodePortOutOfRange(i, nodePort));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code ValidateService}, in its order. */
    private static void service(Service service, Errors errs) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        String type = nullToEmpty(spec.getType());
        List<ServicePort> ports = list(spec.getPorts());
        boolean headless = isHeadless(spec);
        if (ports.isEmpty() && !headless && !"ExternalName".equals(type)) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        switch (type) {
            case "LoadBalancer" -> {
                if (headless) {
                    errs.add(FieldError.invalid("spec.clusterIPs[0]", "None",
                            "may not be set to 'None' for LoadBalancer services"));
                }
            }
            case "NodePort" -> {
                if (headless) {
                    errs.add(FieldError.invalid("spec.clusterIPs[0]", "None",
                            "may not be set to 'None' for NodePort services"));
                }
            }
            case "ExternalName" -> {
                if (!list(spec.getClusterIPs()).isEmpty() || !nullToEmpty(spec.getClusterIP()).isEmpty()) {
                    errs.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                }
                if (!list(spec.getIpFamilies()).isEmpty()) {
                    errs.add(FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
                }
                if (spec.getIpFamilyPolicy() != null) {
                    errs.add(FieldError.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
                }
                String cname = nullToEmpty(spec.getExternalName());
                if (cname.endsWith(".")) {
                    cname = cname.substring(0, cname.length() - 1);
                }
                if (cname.isEmpty()) {
                    errs.add(FieldError.required("spec.externalName", ""));
                } else {
                    for (String msg : Formats.dns1123Subdomain(cname)) {
                        errs.add(FieldError.invalid("spec.externalName", cname, msg));
                    }
                }
            }
            default -> {
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            servicePort(ports.get(i), ports.size() > 1, names, "spec.ports[" + i + "]", errs);
        }
        if (spec.getSelector() != null) {
            labels(spec.getSelector(), "spec.selector", errs);
        }
        String affinity = nullToEmpty(spec.getSessionAffinity());
        if (affinity.isEmpty()) {
            errs.add(FieldError.required("spec.sessionAffinity", ""));
        } else if (!SESSION_AFFINITIES.contains(affinity)) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, SESSION_AFFINITIES));
        }
        if ("ClientIP".equals(affinity)) {
            Integer timeout = spec.getSessionAffinityConfig() == null
                    || spec.getSessionAffinityConfig().getClientIP() == null
                    ? null : spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
            if (timeout == null) {
                errs.add(FieldError.required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", ""));
            } else if (timeout <= 0 || timeout > 86400) {
                errs.add(FieldError.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                        Formats.inclusiveRangeError(1, 86400)));
            }
        } else if ("None".equals(affinity) && spec.getSessionAffinityConfig() != null) {
            errs.add(FieldError.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
        }
        clusterIPsRelatedFields(spec, errs);
        List<String> externalIPs = list(spec.getExternalIPs());
        for (int i = 0; i < externalIPs.size(); i++) {
            String path = "spec.externalIPs[" + i + "]";
            String ip = externalIPs.get(i);
            if (!Formats.isIp(ip)) {
                errs.add(FieldError.invalid(path, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            } else {
                nonSpecialIp(ip, path, errs);
            }
        }
        if (type.isEmpty()) {
            errs.add(FieldError.required("spec.type", ""));
        } else if (!SERVICE_TYPES.contains(type)) {
            errs.add(FieldError.notSupported("spec.type", type, SERVICE_TYPES));
        }
        if ("ClusterIP".equals(type)) {
            for (int i = 0; i < ports.size(); i++) {
                if (nonZero(ports.get(i).getNodePort())) {
                    errs.add(FieldError.forbidden("spec.ports[" + i + "].nodePort",
                            "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        Set<String> nodePorts = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            if (!nonZero(port.getNodePort())) {
                continue;
            }
            if (!nodePorts.add(port.getProtocol() + "/" + port.getNodePort())) {
                errs.add(FieldError.duplicate("spec.ports[" + i + "].nodePort", port.getNodePort()));
            }
        }
        Set<String> portKeys = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            int number = port.getPort() == null ? 0 : port.getPort();
            if (!portKeys.add(port.getProtocol() + "/" + number)) {
                errs.add(FieldError.duplicate("spec.ports[" + i + "]",
                        GoValue.servicePortKey(nullToEmpty(port.getProtocol()), number)));
            }
        }
        if (!list(spec.getLoadBalancerSourceRanges()).isEmpty() && !"LoadBalancer".equals(type)) {
            errs.add(FieldError.forbidden("spec.LoadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
        }
        if (spec.getAllocateLoadBalancerNodePorts() != null && !"LoadBalancer".equals(type)) {
            errs.add(FieldError.forbidden("spec.allocateLoadBalancerNodePorts",
                    "may only be used when `type` is 'LoadBalancer'"));
        }
        externalTrafficPolicy(spec, errs);
        String itp = spec.getInternalTrafficPolicy();
        if (itp == null && ("NodePort".equals(type) || "LoadBalancer".equals(type) || "ClusterIP".equals(type))) {
            errs.add(FieldError.required("spec.internalTrafficPolicy", ""));
        }
        if (itp != null && !TRAFFIC_POLICIES.contains(itp)) {
            errs.add(FieldError.notSupported("spec.internalTrafficPolicy", itp, TRAFFIC_POLICIES));
        }
    }

    /** {@code validateServicePort}. */
    private static void servicePort(ServicePort port, boolean requireName, Set<String> names, String path, Errors errs) {
        String name = nullToEmpty(port.getName());
        if (requireName && name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        } else if (!name.isEmpty()) {
            for (String msg : Formats.dns1123Label(name)) {
                errs.add(FieldError.invalid(path + ".name", name, msg));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path + ".name", name));
            }
        }
        int number = port.getPort() == null ? 0 : port.getPort();
        for (String msg : Formats.portNumber(number)) {
            errs.add(FieldError.invalid(path + ".port", number, msg));
        }
        protocol(port.getProtocol(), path + ".protocol", errs);
        portNumOrName(port.getTargetPort(), path + ".targetPort", errs);
        if (port.getAppProtocol() != null) {
            for (String msg : Formats.labelKey(port.getAppProtocol())) {
                errs.add(FieldError.invalid(path + ".appProtocol", port.getAppProtocol(), msg));
            }
        }
    }

    /** {@code validateServiceExternalTrafficPolicy}. */
    private static void externalTrafficPolicy(ServiceSpec spec, Errors errs) {
        String etp = nullToEmpty(spec.getExternalTrafficPolicy());
        if (!Defaults.externallyAccessible(spec)) {
            if (!etp.isEmpty()) {
                errs.add(FieldError.invalid("spec.externalTrafficPolicy", etp,
                        "may only be set for externally-accessible services"));
            }
        } else if (etp.isEmpty()) {
            errs.add(FieldError.required("spec.externalTrafficPolicy", ""));
        } else if (!TRAFFIC_POLICIES.contains(etp)) {
            errs.add(FieldError.notSupported("spec.externalTrafficPolicy", etp, TRAFFIC_POLICIES));
        }
        boolean needsHealthCheck = "LoadBalancer".equals(spec.getType()) && "Local".equals(etp);
        Integer healthCheck = spec.getHealthCheckNodePort();
        if (!needsHealthCheck && nonZero(healthCheck)) {
            errs.add(FieldError.invalid("spec.healthCheckNodePort", healthCheck,
                    "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
        } else if (needsHealthCheck && nonZero(healthCheck)) {
            for (String msg : Formats.portNumber(healthCheck)) {
                errs.add(FieldError.invalid("spec.healthCheckNodePort", healthCheck, msg));
            }
        }
    }

    /** {@code ValidateServiceClusterIPsRelatedFields}. */
    private static void clusterIPsRelatedFields(ServiceSpec spec, Errors errs) {
        if ("ExternalName".equals(spec.getType())) {
            return;
        }
        List<String> clusterIPs = list(spec.getClusterIPs());
        String clusterIP = nullToEmpty(spec.getClusterIP());
        if (!clusterIP.isEmpty()) {
            if (clusterIPs.isEmpty()) {
                errs.add(FieldError.required("spec.clusterIPs", ""));
            } else if (!clusterIPs.get(0).equals(clusterIP)) {
                errs.add(FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs),
                        "first value must match `clusterIP`"));
            }
        } else if (!clusterIPs.isEmpty()) {
            errs.add(FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs),
                    "must be empty when `clusterIP` is not specified"));
        }
        List<String> families = list(spec.getIpFamilies());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String family = families.get(i);
            if (!IP_FAMILIES.contains(family)) {
                errs.add(FieldError.notSupported("spec.ipFamilies[" + i + "]", family, IP_FAMILIES));
            }
            if (!seen.add(family)) {
                errs.add(FieldError.duplicate("spec.ipFamilies[" + i + "]", family));
            }
        }
        if (spec.getIpFamilyPolicy() != null && !IP_FAMILY_POLICIES.contains(spec.getIpFamilyPolicy())) {
            errs.add(FieldError.notSupported("spec.ipFamilyPolicy", spec.getIpFamilyPolicy(), IP_FAMILY_POLICIES));
        }
        boolean invalidIPs = false;
        for (int i = 0; i < clusterIPs.size(); i++) {
            String ip = clusterIPs.get(i);
            if (i == 0 && "None".equals(ip)) {
                if (clusterIPs.size() > 1) {
                    invalidIPs = true;
                    errs.add(FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs),
                            "'None' must be the first and only value"));
                }
                continue;
            }
            if (!Formats.isIp(ip)) {
                invalidIPs = true;
                errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip,
                        "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
        }
        if (clusterIPs.size() > 2) {
            errs.add(FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs), "may only hold up to 2 values"));
        }
        if (invalidIPs) {
            return;
        }
        if (clusterIPs.size() == 2 && Formats.isIpv4(clusterIPs.get(0)) == Formats.isIpv4(clusterIPs.get(1))) {
            errs.add(FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(clusterIPs),
                    "may specify no more than one IP for each IP family"));
        }
        if (!isHeadless(spec)) {
            for (int i = 0; i < clusterIPs.size() && i < families.size(); i++) {
                boolean v6 = Formats.isIpv6(clusterIPs.get(i));
                if ("IPv4".equals(families.get(i)) && v6) {
                    errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", clusterIPs.get(i),
                            "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
                }
                if ("IPv6".equals(families.get(i)) && !v6) {
                    errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", clusterIPs.get(i),
                            "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
    }

    /**
     * {@code validateUpgradeDowngradeClusterIPs}, after the storage's {@code normalizeClusterIPs}: a changed
     * {@code clusterIP} with untouched {@code clusterIPs} (what {@code kubectl apply} sends) counts as a change of
     * {@code clusterIPs[0]}.
     */
    private static void serviceUpdate(Service old, Service updated, Errors errs) {
        ServiceSpec before = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
        ServiceSpec after = updated.getSpec() == null ? new ServiceSpec() : updated.getSpec();
        if ("ExternalName".equals(before.getType()) || "ExternalName".equals(after.getType())) {
            return;
        }
        List<String> oldIPs = list(before.getClusterIPs());
        List<String> newIPs = Defaults.normalizedClusterIPs(before, after);
        if (isHeadless(before) && "None".equals(nullToEmpty(after.getClusterIP()))) {
            return;
        }
        if (oldIPs.size() == newIPs.size()) {
            for (int i = 0; i < oldIPs.size(); i++) {
                if (!oldIPs.get(i).equals(newIPs.get(i))) {
                    errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", GoValue.stringSlice(newIPs),
                            "may not change once set"));
                }
            }
        } else if (oldIPs.size() > newIPs.size()) {
            if (newIPs.isEmpty()) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", GoValue.stringSlice(newIPs),
                        "primary clusterIP can not be unset"));
            } else if (!oldIPs.get(0).equals(newIPs.get(0))) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", GoValue.stringSlice(newIPs), "may not change once set"));
            }
        } else if (!oldIPs.isEmpty() && !oldIPs.get(0).equals(newIPs.get(0))) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", GoValue.stringSlice(newIPs), "may not change once set"));
        }
        boolean needsHealthCheckBefore = "LoadBalancer".equals(before.getType())
                && "Local".equals(before.getExternalTrafficPolicy());
        boolean needsHealthCheckAfter = "LoadBalancer".equals(after.getType())
                && "Local".equals(after.getExternalTrafficPolicy());
        if (needsHealthCheckBefore && needsHealthCheckAfter
                && !Objects.equals(before.getHealthCheckNodePort(), after.getHealthCheckNodePort())
                && after.getHealthCheckNodePort() != null) {
            errs.add(FieldError.forbidden("spec.healthCheckNodePort", IMMUTABLE));
        }
    }

    private static boolean isHeadless(ServiceSpec spec) {
        List<String> clusterIPs = list(spec.getClusterIPs());
        if (clusterIPs.isEmpty()) {
            return "None".equals(spec.getClusterIP());
        }
        return clusterIPs.size() == 1 && "None".equals(clusterIPs.get(0));
    }

    // ---- Pods and pod templates -------------------------------------------------------------------------------------

    private static void pod(Pod pod, Errors errs) {
        podSpec(pod.getSpec() == null ? new PodSpec() : pod.getSpec(), "spec", errs);
    }

    /** {@code ValidatePodSpec}: the parts the mini-cluster uses. */
    private static void podSpec(PodSpec spec, String path, Errors errs) {
        List<Container> containers = list(spec.getContainers());
        if (containers.isEmpty()) {
            errs.add(FieldError.required(path + ".containers", ""));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list(spec.getInitContainers()).size(); i++) {
            container(spec.getInitContainers().get(i), path + ".initContainers[" + i + "]", names, errs);
        }
        for (int i = 0; i < containers.size(); i++) {
            container(containers.get(i), path + ".containers[" + i + "]", names, errs);
        }
        String restart = nullToEmpty(spec.getRestartPolicy());
        if (restart.isEmpty()) {
            errs.add(FieldError.required(path + ".restartPolicy", ""));
        } else if (!RESTART_POLICIES.contains(restart)) {
            errs.add(FieldError.notSupported(path + ".restartPolicy", restart, RESTART_POLICIES));
        }
        String dns = nullToEmpty(spec.getDnsPolicy());
        if (dns.isEmpty()) {
            errs.add(FieldError.required(path + ".dnsPolicy", ""));
        } else if (!DNS_POLICIES.contains(dns)) {
            errs.add(FieldError.notSupported(path + ".dnsPolicy", dns, DNS_POLICIES));
        }
        if (spec.getHostname() != null && !spec.getHostname().isEmpty()) {
            for (String msg : Formats.dns1123Label(spec.getHostname())) {
                errs.add(FieldError.invalid(path + ".hostname", spec.getHostname(), msg));
            }
        }
        if (spec.getSubdomain() != null && !spec.getSubdomain().isEmpty()) {
            for (String msg : Formats.dns1123Label(spec.getSubdomain())) {
                errs.add(FieldError.invalid(path + ".subdomain", spec.getSubdomain(), msg));
            }
        }
        if (spec.getNodeSelector() != null) {
            labels(spec.getNodeSelector(), path + ".nodeSelector", errs);
        }
    }

    /** {@code validateContainers}: name, image, ports, pull policy, probes. */
    private static void container(Container container, String path, Set<String> names, Errors errs) {
        String name = nullToEmpty(container.getName());
        if (name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        } else {
            for (String msg : Formats.dns1123Label(name)) {
                errs.add(FieldError.invalid(path + ".name", name, msg));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(path + ".name", name));
            }
        }
        if (nullToEmpty(container.getImage()).isEmpty()) {
            errs.add(FieldError.required(path + ".image", ""));
        }
        containerPorts(list(container.getPorts()), path + ".ports", errs);
        String pull = nullToEmpty(container.getImagePullPolicy());
        if (pull.isEmpty()) {
            errs.add(FieldError.required(path + ".imagePullPolicy", ""));
        } else if (!PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(path + ".imagePullPolicy", pull, PULL_POLICIES));
        }
        probe(container.getLivenessProbe(), path + ".livenessProbe", errs);
        probe(container.getReadinessProbe(), path + ".readinessProbe", errs);
        probe(container.getStartupProbe(), path + ".startupProbe", errs);
    }

    /** {@code validateContainerPorts}. */
    private static void containerPorts(List<ContainerPort> ports, String path, Errors errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            String idx = path + "[" + i + "]";
            String name = nullToEmpty(port.getName());
            if (!name.isEmpty()) {
                List<String> msgs = Formats.portName(name);
                if (!msgs.isEmpty()) {
                    for (String msg : msgs) {
                        errs.add(FieldError.invalid(idx + ".name", name, msg));
                    }
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(idx + ".name", name));
                }
            }
            int containerPort = port.getContainerPort() == null ? 0 : port.getContainerPort();
            if (containerPort == 0) {
                errs.add(FieldError.required(idx + ".containerPort", ""));
            } else {
                for (String msg : Formats.portNumber(containerPort)) {
                    errs.add(FieldError.invalid(idx + ".containerPort", containerPort, msg));
                }
            }
            if (nonZero(port.getHostPort())) {
                for (String msg : Formats.portNumber(port.getHostPort())) {
                    errs.add(FieldError.invalid(idx + ".hostPort", port.getHostPort(), msg));
                }
            }
            protocol(port.getProtocol(), idx + ".protocol", errs);
        }
    }

    /** {@code validateProbe} and its handler. */
    private static void probe(Probe probe, String path, Errors errs) {
        if (probe == null) {
            return;
        }
        int handlers = 0;
        if (probe.getExec() != null) {
            handlers++;
            if (list(probe.getExec().getCommand()).isEmpty()) {
                errs.add(FieldError.required(path + ".exec.command", ""));
            }
        }
        if (probe.getHttpGet() != null) {
            if (handlers++ > 0) {
                errs.add(FieldError.forbidden(path + ".httpGet", "may not specify more than 1 handler type"));
            } else {
                if (nullToEmpty(probe.getHttpGet().getPath()).isEmpty()) {
                    errs.add(FieldError.required(path + ".httpGet.path", ""));
                }
                portNumOrName(probe.getHttpGet().getPort(), path + ".httpGet.port", errs);
                String scheme = nullToEmpty(probe.getHttpGet().getScheme());
                if (!URI_SCHEMES.contains(scheme)) {
                    errs.add(FieldError.notSupported(path + ".httpGet.scheme", scheme, URI_SCHEMES));
                }
            }
        }
        if (probe.getTcpSocket() != null) {
            if (handlers++ > 0) {
                errs.add(FieldError.forbidden(path + ".tcpSocket", "may not specify more than 1 handler type"));
            } else {
                portNumOrName(probe.getTcpSocket().getPort(), path + ".tcpSocket.port", errs);
            }
        }
        if (probe.getGrpc() != null) {
            if (handlers++ > 0) {
                errs.add(FieldError.forbidden(path + ".grpc", "may not specify more than 1 handler type"));
            }
        }
        if (handlers == 0) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
    }

    // ---- Deployment and ReplicaSet ----------------------------------------------------------------------------------

    /** {@code ValidateDeploymentSpec}. */
    private static void deployment(Deployment deployment, Errors errs) {
        DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
        replicas(spec.getReplicas(), errs);
        selectorAndTemplate(spec.getSelector(), spec.getTemplate(), errs);
        strategy(spec.getStrategy(), errs);
        int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
        nonNegative(minReady, "spec.minReadySeconds", errs);
        if (spec.getRevisionHistoryLimit() != null) {
            nonNegative(spec.getRevisionHistoryLimit(), "spec.revisionHistoryLimit", errs);
        }
        if (spec.getProgressDeadlineSeconds() != null) {
            nonNegative(spec.getProgressDeadlineSeconds(), "spec.progressDeadlineSeconds", errs);
            if (spec.getProgressDeadlineSeconds() <= minReady) {
                errs.add(FieldError.invalid("spec.progressDeadlineSeconds", spec.getProgressDeadlineSeconds(),
                        "must be greater than minReadySeconds"));
            }
        }
    }

    /** {@code ValidateReplicaSetSpec}. */
    private static void replicaSet(ReplicaSet replicaSet, Errors errs) {
        if (replicaSet.getSpec() == null) {
            errs.add(FieldError.required("spec.selector", ""));
            return;
        }
        replicas(replicaSet.getSpec().getReplicas(), errs);
        int minReady = replicaSet.getSpec().getMinReadySeconds() == null ? 0 : replicaSet.getSpec().getMinReadySeconds();
        nonNegative(minReady, "spec.minReadySeconds", errs);
        selectorAndTemplate(replicaSet.getSpec().getSelector(), replicaSet.getSpec().getTemplate(), errs);
    }

    private static void replicas(Integer replicas, Errors errs) {
        nonNegative(replicas == null ? 0 : replicas, "spec.replicas", errs);
    }

    private static void nonNegative(int value, String path, Errors errs) {
        if (value < 0) {
            errs.add(FieldError.invalid(path, value, "must be greater than or equal to 0"));
        }
    }

    /**
     * The selector checks and {@code ValidatePodTemplateSpecForReplicaSet}. A missing selector selects nothing, so
     * kube-apiserver reports both the missing selector and that it does not match the template's labels.
     */
    private static void selectorAndTemplate(LabelSelector selector, PodTemplateSpec template, Errors errs) {
        boolean selectorValid = true;
        if (selector == null) {
            errs.add(FieldError.required("spec.selector", ""));
        } else {
            int before = errs.list().size();
            labelSelector(selector, "spec.selector", errs);
            selectorValid = errs.list().size() == before;
            if (map(selector.getMatchLabels()).isEmpty() && list(selector.getMatchExpressions()).isEmpty()) {
                errs.add(FieldError.invalid("spec.selector", GoValue.labelSelector(selector),
                        "empty selector is invalid for deployment"));
            }
        }
        if (!selectorValid) {
            errs.add(FieldError.invalid("spec.selector", GoValue.labelSelector(selector), "invalid label selector"));
            return;
        }
        if (template == null) {
            errs.add(FieldError.required("spec.template", ""));
            return;
        }
        Map<String, String> templateLabels = template.getMetadata() == null ? Map.of()
                : map(template.getMetadata().getLabels());
        boolean emptySelector = selector != null && map(selector.getMatchLabels()).isEmpty()
                && list(selector.getMatchExpressions()).isEmpty();
        if (!emptySelector && !matches(selector, templateLabels)) {
            errs.add(FieldError.invalid("spec.template.metadata.labels", GoValue.stringMap(templateLabels),
                    "`selector` does not match template `labels`"));
        }
        labels(templateLabels, "spec.template.labels", errs);
        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        podSpec(spec, "spec.template.spec", errs);
        String restart = nullToEmpty(spec.getRestartPolicy());
        if (!"Always".equals(restart)) {
            errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restart, List.of("Always")));
        }
        if (spec.getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
    }

    /** {@code ValidateDeploymentStrategy}. */
    private static void strategy(DeploymentStrategy strategy, Errors errs) {
        if (strategy == null) {
            return;
        }
        String type = nullToEmpty(strategy.getType());
        if ("Recreate".equals(type)) {
            if (strategy.getRollingUpdate() != null) {
                errs.add(FieldError.forbidden("spec.strategy.rollingUpdate",
                        "may not be specified when strategy `type` is 'Recreate'"));
            }
        } else if ("RollingUpdate".equals(type)) {
            if (strategy.getRollingUpdate() == null) {
                errs.add(FieldError.required("spec.strategy.rollingUpdate",
                        "this should be defaulted and never be nil"));
            } else {
                IntOrString unavailable = strategy.getRollingUpdate().getMaxUnavailable();
                IntOrString surge = strategy.getRollingUpdate().getMaxSurge();
                if (isZero(unavailable) && isZero(surge)) {
                    errs.add(FieldError.invalid("spec.strategy.rollingUpdate.maxUnavailable", intOrStringValue(unavailable),
                            "may not be 0 when `maxSurge` is 0"));
                }
            }
        } else if (type.isEmpty()) {
            errs.add(FieldError.required("spec.strategy.type", ""));
        } else {
            errs.add(FieldError.notSupported("spec.strategy.type", type, DEPLOYMENT_STRATEGIES));
        }
    }

    private static boolean isZero(IntOrString value) {
        if (value == null) {
            return false;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal() == 0;
        }
        return "0%".equals(value.getStrVal()) || "0".equals(value.getStrVal());
    }

    private static Object intOrStringValue(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal() : value.getStrVal();
    }

    /** {@code ValidateLabelSelector}. */
    private static void labelSelector(LabelSelector selector, String path, Errors errs) {
        List<LabelSelectorRequirement> expressions = list(selector.getMatchExpressions());
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement requirement = expressions.get(i);
            String idx = path + ".matchExpressions[" + i + "]";
            String op = nullToEmpty(requirement.getOperator());
            switch (op) {
                case "In", "NotIn" -> {
                    if (list(requirement.getValues()).isEmpty()) {
                        errs.add(FieldError.required(idx + ".values",
                                "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!list(requirement.getValues()).isEmpty()) {
                        errs.add(FieldError.forbidden(idx + ".values",
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errs.add(FieldError.invalid(idx + ".operator", op, "not a valid selector operator"));
            }
            for (String msg : Formats.labelKey(nullToEmpty(requirement.getKey()))) {
                errs.add(FieldError.invalid(idx + ".key", nullToEmpty(requirement.getKey()), msg));
            }
        }
        labels(selector.getMatchLabels(), path + ".matchLabels", errs);
    }

    /** Whether a LabelSelector selects a label set (matchLabels and matchExpressions, all must hold). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false; // labels.Nothing()
        }
        for (Map.Entry<String, String> required : map(selector.getMatchLabels()).entrySet()) {
            if (!Objects.equals(labels.get(required.getKey()), required.getValue())) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement : list(selector.getMatchExpressions())) {
            String key = requirement.getKey();
            boolean has = labels.containsKey(key);
            List<String> values = list(requirement.getValues());
            boolean ok = switch (nullToEmpty(requirement.getOperator())) {
                case "In" -> has && values.contains(labels.get(key));
                case "NotIn" -> !has || !values.contains(labels.get(key));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void selectorImmutable(LabelSelector before, LabelSelector after, Errors errs) {
        if (!sameSelector(before, after)) {
            errs.add(FieldError.invalid("spec.selector", GoValue.labelSelector(after), IMMUTABLE));
        }
    }

    private static boolean sameSelector(LabelSelector a, LabelSelector b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (!map(a.getMatchLabels()).equals(map(b.getMatchLabels()))) {
            return false;
        }
        List<LabelSelectorRequirement> x = list(a.getMatchExpressions());
        List<LabelSelectorRequirement> y = list(b.getMatchExpressions());
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Objects.equals(x.get(i).getKey(), y.get(i).getKey())
                    || !Objects.equals(x.get(i).getOperator(), y.get(i).getOperator())
                    || !list(x.get(i).getValues()).equals(list(y.get(i).getValues()))) {
                return false;
            }
        }
        return true;
    }

    // ---- EndpointSlice ----------------------------------------------------------------------------------------------

    /** {@code ValidateEndpointSliceCreate}. */
    private static void endpointSlice(EndpointSlice slice, Errors errs) {
        String addressType = nullToEmpty(slice.getAddressType());
        if (addressType.isEmpty()) {
            errs.add(FieldError.required("addressType", ""));
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            errs.add(FieldError.notSupported("addressType", addressType, ADDRESS_TYPES));
        }
        List<Endpoint> endpoints = list(slice.getEndpoints());
        if (endpoints.size() > 1000) {
            errs.add(new FieldError("endpoints", FieldError.Type.TOO_MANY, endpoints.size(),
                    "must have at most 1000 items"));
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            String addressPath = "endpoints[" + i + "].addresses";
            List<String> addresses = list(endpoint.getAddresses());
            if (addresses.isEmpty()) {
                errs.add(FieldError.required(addressPath, "must contain at least 1 address"));
            } else if (addresses.size() > 100) {
                errs.add(new FieldError(addressPath, FieldError.Type.TOO_MANY, addresses.size(),
                        "must have at most 100 items"));
            }
            for (int j = 0; j < addresses.size(); j++) {
                String address = addresses.get(j);
                String path = addressPath + "[" + j + "]";
                switch (addressType) {
                    case "IPv4" -> {
                        if (!Formats.isIpv4(address)) {
                            errs.add(FieldError.invalid(path, address, "must be a valid IPv4 address"));
                        }
                        nonSpecialIp(address, path, errs);
                    }
                    case "IPv6" -> {
                        if (!Formats.isIpv6(address)) {
                            errs.add(FieldError.invalid(path, address, "must be a valid IPv6 address"));
                        }
                        nonSpecialIp(address, path, errs);
                    }
                    default -> {
                    }
                }
            }
            if (endpoint.getHostname() != null) {
                for (String msg : Formats.dns1123Label(endpoint.getHostname())) {
                    errs.add(FieldError.invalid("endpoints[" + i + "].hostname", endpoint.getHostname(), msg));
                }
            }
        }
        List<EndpointPort> ports = list(slice.getPorts());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            String idx = "ports[" + i + "]";
            String name = nullToEmpty(port.getName());
            if (!name.isEmpty()) {
                for (String msg : Formats.dns1123Label(name)) {
                    errs.add(FieldError.invalid(idx + ".name", name, msg));
                }
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(idx + ".name", name));
            }
            protocol(port.getProtocol(), idx + ".protocol", errs);
            if (port.getPort() != null) {
                for (String msg : Formats.portNumber(port.getPort())) {
                    errs.add(FieldError.invalid(idx + ".port", port.getPort(), msg));
                }
            }
        }
    }

    /** {@code ValidateNonSpecialIP}: endpoints may not point at the unspecified, loopback or link-local ranges. */
    private static void nonSpecialIp(String ip, String path, Errors errs) {
        long v4 = Formats.parseIpv4(ip);
        if (v4 < 0) {
            if ("::".equals(ip)) {
                errs.add(FieldError.invalid(path, ip, "may not be unspecified (" + ip + ")"));
            } else if ("::1".equals(ip)) {
                errs.add(FieldError.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
            } else if (ip.toLowerCase(java.util.Locale.ROOT).startsWith("fe80:")) {
                errs.add(FieldError.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
            }
            return;
        }
        if (v4 == 0) {
            errs.add(FieldError.invalid(path, ip, "may not be unspecified (" + ip + ")"));
        }
        if ((v4 >>> 24) == 127) {
            errs.add(FieldError.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if ((v4 >>> 16) == ((169L << 8) | 254)) {
            errs.add(FieldError.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if ((v4 >>> 8) == ((224L << 16))) {
            errs.add(FieldError.invalid(path, ip,
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
    }

    // ---- Secret, ConfigMap, IngressClass ----------------------------------------------------------------------------

    /** {@code ValidateSecret}: data keys, and the keys a {@code kubernetes.io/tls} Secret must have. */
    private static void secret(Secret secret, Errors errs) {
        Set<String> keys = new LinkedHashSet<>(map(secret.getData()).keySet());
        keys.addAll(map(secret.getStringData()).keySet()); // stringData is merged into data before validation
        for (String key : keys) {
            for (String msg : Formats.configMapKey(key)) {
                errs.add(FieldError.invalid("data[" + key + "]", key, msg));
            }
        }
        long size = 0;
        for (String value : map(secret.getData()).values()) {
            size += base64Length(value);
        }
        for (String value : map(secret.getStringData()).values()) {
            size += utf8Length(value);
        }
        if (size > MAX_SECRET_SIZE) {
            errs.add(new FieldError("data", FieldError.Type.TOO_LONG, null,
                    "may not be more than " + MAX_SECRET_SIZE + " bytes"));
        }
        if ("kubernetes.io/tls".equals(secret.getType())) {
            if (!keys.contains("tls.crt")) {
                errs.add(FieldError.required("data[tls.crt]", ""));
            }
            if (!keys.contains("tls.key")) {
                errs.add(FieldError.required("data[tls.key]", ""));
            }
        }
    }

    private static void secretUpdate(Secret old, Secret updated, Errors errs) {
        immutable(updated.getType(), old.getType(), "type", errs);
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(updated.getImmutable())) {
                errs.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
            }
            if (!map(old.getData()).equals(map(updated.getData()))) {
                errs.add(FieldError.forbidden("data", "field is immutable when `immutable` is set"));
            }
        }
    }

    /** {@code ValidateConfigMap}: keys of data and binaryData, and no key in both. */
    private static void configMap(ConfigMap configMap, Errors errs) {
        for (String key : map(configMap.getData()).keySet()) {
            for (String msg : Formats.configMapKey(key)) {
                errs.add(FieldError.invalid("data[" + key + "]", key, msg));
            }
        }
        for (String key : map(configMap.getBinaryData()).keySet()) {
            for (String msg : Formats.configMapKey(key)) {
                errs.add(FieldError.invalid("binaryData[" + key + "]", key, msg));
            }
            if (map(configMap.getData()).containsKey(key)) {
                errs.add(FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
            }
        }
        long size = 0;
        for (String value : map(configMap.getData()).values()) {
            size += utf8Length(value);
        }
        for (String value : map(configMap.getBinaryData()).values()) {
            size += base64Length(value);
        }
        if (size > MAX_SECRET_SIZE) {
            // The whole object: kube-apiserver names the empty path, which prints as "[]".
            errs.add(new FieldError("[]", FieldError.Type.TOO_LONG, null,
                    "may not be more than " + MAX_SECRET_SIZE + " bytes"));
        }
    }

    /** {@code core.MaxSecretSize}: the data of a Secret or a ConfigMap, 1 MiB. */
    static final int MAX_SECRET_SIZE = 1024 * 1024;

    private static long utf8Length(String value) {
        return value == null ? 0 : value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** The number of bytes a base64 value decodes to (data of Secrets and binaryData hold base64 in YAML). */
    private static long base64Length(String value) {
        if (value == null) {
            return 0;
        }
        int length = value.length();
        int padding = length > 0 && value.charAt(length - 1) == '=' ? (length > 1 && value.charAt(length - 2) == '=' ? 2 : 1) : 0;
        return (long) length / 4 * 3 - padding;
    }

    private static void configMapUpdate(ConfigMap old, ConfigMap updated, Errors errs) {
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(updated.getImmutable())) {
                errs.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
            }
            if (!map(old.getData()).equals(map(updated.getData()))) {
                errs.add(FieldError.forbidden("data", "field is immutable when `immutable` is set"));
            }
        }
    }

    /** {@code validateIngressClassSpec}: the controller is a domain-prefixed path such as {@code k8s.io/ingress-nginx}. */
    private static void ingressClass(IngressClass ingressClass, Errors errs) {
        String controller = ingressClass.getSpec() == null ? "" : nullToEmpty(ingressClass.getSpec().getController());
        String path = "spec.controller";
        if (controller.length() > 250) {
            errs.add(new FieldError(path, FieldError.Type.TOO_LONG, null, "may not be more than 250 bytes"));
        }
        if (controller.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        String[] segments = controller.split("/", 2);
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            errs.add(FieldError.invalid(path, controller, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
            return;
        }
        for (String msg : Formats.dns1123Subdomain(segments[0])) {
            errs.add(FieldError.invalid(path, segments[0], msg));
        }
        if (!HTTP_PATH.matcher(segments[1]).matches()) {
            errs.add(FieldError.invalid(path, segments[1],
                    Formats.regexError("Invalid path", "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+")));
        }
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

    /** {@code ValidatePortNumOrName}: a port number, or an IANA_SVC_NAME. */
    private static void portNumOrName(IntOrString port, String path, Errors errs) {
        if (port == null) {
            for (String msg : Formats.portNumber(0)) {
                errs.add(FieldError.invalid(path, 0, msg));
            }
            return;
        }
        if (port.getIntVal() != null) {
            for (String msg : Formats.portNumber(port.getIntVal())) {
                errs.add(FieldError.invalid(path, port.getIntVal(), msg));
            }
        } else {
            String name = nullToEmpty(port.getStrVal());
            for (String msg : Formats.portName(name)) {
                errs.add(FieldError.invalid(path, name, msg));
            }
        }
    }

    private static void protocol(String protocol, String path, Errors errs) {
        if (protocol == null || protocol.isEmpty()) {
            errs.add(FieldError.required(path, ""));
        } else if (!PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path, protocol, PROTOCOLS));
        }
    }

    private static void immutable(String after, String before, String path, Errors errs) {
        if (!Objects.equals(after, before)) {
            errs.add(FieldError.invalid(path, after, IMMUTABLE));
        }
    }

    private static boolean nonZero(Integer value) {
        return value != null && value != 0;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : values;
    }

    /** The error list being built, in the order the Go code appends. */
    static final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        void add(FieldError error) {
            list.add(error);
        }

        List<FieldError> list() {
            return List.copyOf(list);
        }
    }
}
