package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' defaulting, as kube-apiserver applies it between decoding and validation: the {@code SetDefaults_*}
 * functions of {@code pkg/apis/core/v1/defaults.go}, {@code apps/v1}, {@code networking/v1} and {@code discovery/v1},
 * the {@code +default} markers of {@code k8s.io/api}, and the Service fields that the Service REST storage fills before
 * validation ({@code clusterIPs} from {@code clusterIP}, {@code ipFamilyPolicy} and {@code ipFamilies} for a
 * single-stack IPv4 cluster). A learner who runs {@code kubectl get -o yaml} sees exactly these fields appear.
 *
 * <p>Defaulting only fills what is unset; it never rejects. Cluster-scoped kinds lose a stray
 * {@code metadata.namespace}, as {@code rest.BeforeCreate} clears it.
 */
public final class Defaults {

    public static final String LABEL_METADATA_NAME = "kubernetes.io/metadata.name";

    /** Fills the defaults of one object in place. */
    public void apply(HasMetadata object) {
        Objects.requireNonNull(object, "object");
        if (object.getMetadata() == null) {
            object.setMetadata(new ObjectMeta());
        }
        ApiKind kind = ApiKind.of(object);
        if (!kind.namespaced()) {
            object.getMetadata().setNamespace(null);
        }
        switch (kind) {
            case NAMESPACE -> namespace((Namespace) object);
            case SERVICE -> service((Service) object);
            case POD -> pod((Pod) object);
            case DEPLOYMENT -> deployment((Deployment) object);
            case REPLICA_SET -> replicaSet((ReplicaSet) object);
            case ENDPOINT_SLICE -> endpointSlice((EndpointSlice) object);
            case ENDPOINTS -> endpoints((Endpoints) object);
            case NETWORK_POLICY -> networkPolicy((NetworkPolicy) object);
            case INGRESS_CLASS -> ingressClass((IngressClass) object);
            case SECRET -> secret((Secret) object);
            case CONFIG_MAP -> configMap((ConfigMap) object);
            case ROLE_BINDING -> RbacValidation.defaults(((io.fabric8.kubernetes.api.model.rbac.RoleBinding) object)
                    .getRoleRef(), ((io.fabric8.kubernetes.api.model.rbac.RoleBinding) object).getSubjects());
            case CLUSTER_ROLE_BINDING -> RbacValidation.defaults(
                    ((io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) object).getRoleRef(),
                    ((io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) object).getSubjects());
            case GATEWAY_CLASS, GATEWAY, HTTP_ROUTE, GRPC_ROUTE, REFERENCE_GRANT ->
                    CustomResourceSchema.of(kind.kind()).ifPresent(schema -> schema.applyDefaults(object));
            default -> {
                // Node, Ingress: nothing the API server defaults on create that the model uses.
            }
        }
    }

    /**
     * Defaulting on update: {@link #apply} plus the Service storage's {@code normalizeClusterIPs}, which reads a
     * changed {@code clusterIP} with an unchanged {@code clusterIPs} (what {@code kubectl apply} sends) as a change of
     * both, so that validation then reports it.
     */
    public void applyUpdate(HasMetadata old, HasMetadata updated) {
        Objects.requireNonNull(old, "old");
        if (old instanceof Service before && updated instanceof Service after && before.getSpec() != null
                && after.getSpec() != null) {
            dropTypeDependentFields(before.getSpec(), after.getSpec());
        }
        apply(updated);
        if (old instanceof Service before && updated instanceof Service after && before.getSpec() != null
                && after.getSpec() != null) {
            List<String> normalized = normalizedClusterIPs(before.getSpec(), after.getSpec());
            after.getSpec().setClusterIPs(normalized.isEmpty() ? null : new ArrayList<>(normalized));
        }
    }

    /**
     * The Service strategy's {@code dropTypeDependentFields}: a Service switched to ExternalName (what
     * {@code kubectl apply} of a changed type sends, the live clusterIP merged in) loses the fields it no longer
     * needs and that the server allocated or defaulted: clusterIP(s), ipFamilies, ipFamilyPolicy,
     * internalTrafficPolicy, each only when the update left it as it was (a changed one fails validation instead).
     */
    private static void dropTypeDependentFields(ServiceSpec before, ServiceSpec after) {
        boolean neededClusterIp = !"ExternalName".equals(before.getType());
        boolean needsClusterIp = !"ExternalName".equals(after.getType());
        if (!neededClusterIp || needsClusterIp) {
            return;
        }
        if (Objects.equals(before.getClusterIP(), after.getClusterIP())
                && list(before.getClusterIPs()).equals(list(after.getClusterIPs()))) {
            after.setClusterIP(null);
            after.setClusterIPs(null);
        }
        if (list(before.getIpFamilies()).equals(list(after.getIpFamilies()))) {
            after.setIpFamilies(null);
        }
        if (Objects.equals(before.getIpFamilyPolicy(), after.getIpFamilyPolicy())) {
            after.setIpFamilyPolicy(null);
        }
        if (Objects.equals(before.getInternalTrafficPolicy(), after.getInternalTrafficPolicy())) {
            after.setInternalTrafficPolicy(null);
        }
    }

    /** {@code normalizeClusterIPs} on update: the clusterIPs the storage will validate. */
    static List<String> normalizedClusterIPs(ServiceSpec before, ServiceSpec after) {
        List<String> oldIPs = list(before.getClusterIPs());
        List<String> newIPs = list(after.getClusterIPs());
        String oldIP = before.getClusterIP() == null ? "" : before.getClusterIP();
        String newIP = after.getClusterIP() == null ? "" : after.getClusterIP();
        if (!oldIP.equals(newIP) && oldIPs.equals(newIPs)) {
            return newIP.isEmpty() ? List.of() : List.of(newIP);
        }
        return newIPs;
    }

    /** {@code SetDefaults_Namespace}: every namespace carries its own name as a label, and cannot lose it. */
    private static void namespace(Namespace namespace) {
        String name = namespace.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            return;
        }
        Map<String, String> labels = namespace.getMetadata().getLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(namespace.getMetadata().getLabels());
        labels.put(LABEL_METADATA_NAME, name);
        namespace.getMetadata().setLabels(labels);
        // The namespace strategy's PrepareForCreate: the "kubernetes" finalizer and phase Active.
        if (namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null
                || namespace.getSpec().getFinalizers().isEmpty()) {
            namespace.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpecBuilder().addToFinalizers("kubernetes")
                    .build());
        }
        if (namespace.getStatus() == null || namespace.getStatus().getPhase() == null) {
            namespace.setStatus(new io.fabric8.kubernetes.api.model.NamespaceStatusBuilder().withPhase("Active").build());
        }
    }

    /** {@code SetDefaults_Service} plus the Service storage's normalisation before validation. */
    private static void service(Service service) {
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        if (isEmpty(spec.getSessionAffinity())) {
            spec.setSessionAffinity("None");
        }
        if ("None".equals(spec.getSessionAffinity())) {
            spec.setSessionAffinityConfig(null);
        }
        if ("ClientIP".equals(spec.getSessionAffinity())) {
            SessionAffinityConfig config = spec.getSessionAffinityConfig();
            if (config == null || config.getClientIP() == null || config.getClientIP().getTimeoutSeconds() == null) {
                spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(10800)));
            }
        }
        if (isEmpty(spec.getType())) {
            spec.setType("ClusterIP");
        }
        for (ServicePort port : list(spec.getPorts())) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
            IntOrString target = port.getTargetPort();
            boolean unset = target == null
                    || (target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty()))
                    || (target.getIntVal() != null && target.getIntVal() == 0);
            if (unset && port.getPort() != null) {
                port.setTargetPort(new IntOrString(port.getPort()));
            }
        }
        String type = spec.getType();
        if (externallyAccessible(spec) && isEmpty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getInternalTrafficPolicy() == null
                && ("NodePort".equals(type) || "LoadBalancer".equals(type) || "ClusterIP".equals(type))) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if ("LoadBalancer".equals(type) && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
        // Service storage (beginCreate -> normalizeClusterIPs, initIPFamilyFields) on a single-stack IPv4 cluster.
        if (!"ExternalName".equals(type)) {
            if (!isEmpty(spec.getClusterIP()) && list(spec.getClusterIPs()).isEmpty()) {
                spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
            }
            boolean headlessSelectorless = "None".equals(spec.getClusterIP())
                    && (spec.getSelector() == null || spec.getSelector().isEmpty());
            if (spec.getIpFamilyPolicy() == null) {
                spec.setIpFamilyPolicy(headlessSelectorless ? "RequireDualStack" : "SingleStack");
            }
            if (list(spec.getIpFamilies()).isEmpty()) {
                List<String> families = new ArrayList<>(List.of("IPv4"));
                if (headlessSelectorless && !"SingleStack".equals(spec.getIpFamilyPolicy())) {
                    families.add("IPv6"); // headless+selectorless services may be dual-stack even here
                }
                spec.setIpFamilies(families);
            }
        }
    }

    /** {@code service.ExternallyAccessible}: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
    static boolean externallyAccessible(ServiceSpec spec) {
        String type = spec.getType();
        return "LoadBalancer".equals(type) || "NodePort".equals(type)
                || ("ClusterIP".equals(type) && !list(spec.getExternalIPs()).isEmpty());
    }

    /** {@code SetDefaults_Pod} and the pod spec within. */
    private static void pod(Pod pod) {
        if (pod.getSpec() == null) {
            // In Go the spec is a struct, never nil: a manifest without one is defaulted like an empty spec.
            pod.setSpec(new io.fabric8.kubernetes.api.model.PodSpec());
        }
        podSpec(pod.getSpec());
        if (pod.getSpec().getEnableServiceLinks() == null) {
            pod.getSpec().setEnableServiceLinks(true);
        }
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            for (Container container : list(pod.getSpec().getContainers())) {
                for (ContainerPort port : list(container.getPorts())) {
                    if (port.getHostPort() == null || port.getHostPort() == 0) {
                        port.setHostPort(port.getContainerPort());
                    }
                }
            }
        }
    }

    /** {@code SetDefaults_PodSpec}, containers and probes: shared by Pods and pod templates. */
    static void podSpec(PodSpec spec) {
        if (isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName("default-scheduler");
        }
        for (Container container : list(spec.getInitContainers())) {
            container(container);
        }
        for (Container container : list(spec.getContainers())) {
            container(container);
        }
    }

    /** {@code SetDefaults_Container}, container port protocol and the probes. */
    private static void container(Container container) {
        if (isEmpty(container.getImagePullPolicy())) {
            container.setImagePullPolicy("latest".equals(imageTag(container.getImage())) ? "Always" : "IfNotPresent");
        }
        if (isEmpty(container.getTerminationMessagePath())) {
            container.setTerminationMessagePath("/dev/termination-log");
        }
        if (isEmpty(container.getTerminationMessagePolicy())) {
            container.setTerminationMessagePolicy("File");
        }
        for (ContainerPort port : list(container.getPorts())) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
        probe(container.getLivenessProbe());
        probe(container.getReadinessProbe());
        probe(container.getStartupProbe());
    }

    /**
     * The tag {@code parsers.ParseImageName} finds: {@code latest} when none is given (unless pinned by digest),
     * which is why {@code nginx} and {@code nginx:latest} default to {@code Always}.
     */
    static String imageTag(String image) {
        if (image == null || image.isEmpty()) {
            return "latest";
        }
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        int lastSlash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > lastSlash) {
            return name.substring(colon + 1);
        }
        return at >= 0 ? "" : "latest";
    }

    /** {@code SetDefaults_Probe} and {@code SetDefaults_HTTPGetAction}. */
    private static void probe(Probe probe) {
        if (probe == null) {
            return;
        }
        if (probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() == 0) {
            probe.setTimeoutSeconds(1);
        }
        if (probe.getPeriodSeconds() == null || probe.getPeriodSeconds() == 0) {
            probe.setPeriodSeconds(10);
        }
        if (probe.getSuccessThreshold() == null || probe.getSuccessThreshold() == 0) {
            probe.setSuccessThreshold(1);
        }
        if (probe.getFailureThreshold() == null || probe.getFailureThreshold() == 0) {
            probe.setFailureThreshold(3);
        }
        HTTPGetAction http = probe.getHttpGet();
        if (http != null) {
            if (isEmpty(http.getPath())) {
                http.setPath("/");
            }
            if (isEmpty(http.getScheme())) {
                http.setScheme("HTTP");
            }
        }
    }

    /** {@code SetDefaults_Deployment} (apps/v1). */
    private static void deployment(Deployment deployment) {
        if (deployment.getSpec() == null) {
            deployment.setSpec(new DeploymentSpec());
        }
        DeploymentSpec spec = deployment.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        DeploymentStrategy strategy = spec.getStrategy();
        if (strategy == null) {
            strategy = new DeploymentStrategy();
            spec.setStrategy(strategy);
        }
        if (isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.getType())) {
            RollingUpdateDeployment rolling = strategy.getRollingUpdate();
            if (rolling == null) {
                rolling = new RollingUpdateDeployment();
                strategy.setRollingUpdate(rolling);
            }
            if (rolling.getMaxUnavailable() == null) {
                rolling.setMaxUnavailable(new IntOrString("25%"));
            }
            if (rolling.getMaxSurge() == null) {
                rolling.setMaxSurge(new IntOrString("25%"));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        template(spec.getTemplate());
    }

    /** {@code SetDefaults_ReplicaSet} (apps/v1). */
    private static void replicaSet(ReplicaSet replicaSet) {
        if (replicaSet.getSpec() == null) {
            return;
        }
        if (replicaSet.getSpec().getReplicas() == null) {
            replicaSet.getSpec().setReplicas(1);
        }
        template(replicaSet.getSpec().getTemplate());
    }

    private static void template(PodTemplateSpec template) {
        if (template != null && template.getSpec() != null) {
            podSpec(template.getSpec());
        }
    }

    /** {@code SetDefaults_EndpointPort} (discovery/v1): name {@code ""}, protocol TCP. */
    private static void endpointSlice(EndpointSlice slice) {
        for (io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort port : list(slice.getPorts())) {
            if (port.getName() == null) {
                port.setName("");
            }
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
    }

    /** {@code SetDefaults_Endpoints}: subset port protocol TCP. */
    private static void endpoints(Endpoints endpoints) {
        for (EndpointSubset subset : list(endpoints.getSubsets())) {
            for (EndpointPort port : list(subset.getPorts())) {
                if (isEmpty(port.getProtocol())) {
                    port.setProtocol("TCP");
                }
            }
        }
    }

    /**
     * {@code SetDefaults_NetworkPolicy}: no {@code policyTypes} means {@code [Ingress]}, plus {@code Egress} when the
     * policy has egress rules; and {@code SetDefaults_NetworkPolicyPort}: protocol TCP.
     */
    private static void networkPolicy(NetworkPolicy policy) {
        if (policy.getSpec() == null) {
            return;
        }
        if (list(policy.getSpec().getPolicyTypes()).isEmpty()) {
            List<String> types = new ArrayList<>(List.of("Ingress"));
            if (!list(policy.getSpec().getEgress()).isEmpty()) {
                types.add("Egress");
            }
            policy.getSpec().setPolicyTypes(types);
        }
        for (NetworkPolicyIngressRule rule : list(policy.getSpec().getIngress())) {
            policyPorts(rule.getPorts());
        }
        for (NetworkPolicyEgressRule rule : list(policy.getSpec().getEgress())) {
            policyPorts(rule.getPorts());
        }
    }

    private static void policyPorts(List<NetworkPolicyPort> ports) {
        for (NetworkPolicyPort port : list(ports)) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
    }

    /** {@code SetDefaults_IngressClass}: a parameters reference without scope is Cluster-scoped. */
    private static void ingressClass(IngressClass ingressClass) {
        if (ingressClass.getSpec() != null && ingressClass.getSpec().getParameters() != null
                && isEmpty(ingressClass.getSpec().getParameters().getScope())) {
            ingressClass.getSpec().getParameters().setScope("Cluster");
        }
    }

    /** {@code SetDefaults_Secret}: type Opaque. */
    private static void secret(Secret secret) {
        if (isEmpty(secret.getType())) {
            secret.setType("Opaque");
        }
    }

    /** {@code SetDefaults_ConfigMap}: data is an empty map, never absent. */
    private static void configMap(ConfigMap configMap) {
        if (configMap.getData() == null) {
            configMap.setData(new LinkedHashMap<>());
        }
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
