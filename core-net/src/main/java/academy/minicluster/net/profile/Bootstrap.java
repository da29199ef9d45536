package academy.minicluster.net.profile;

import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.ObjectStore;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What kind, the ingress-nginx manifest and MetalLB put in a new cluster before the learner's first command:
 * nodes, system namespaces, the {@code kubernetes} and {@code kube-dns} Services, CoreDNS, the ingress-nginx
 * controller with its LoadBalancer Service, and IngressClass {@code nginx}.
 */
public final class Bootstrap {

    public static final String KUBERNETES_VERSION = "v1.33.1";
    public static final String COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.12.0";
    public static final String INGRESS_NGINX_IMAGE = "registry.k8s.io/ingress-nginx/controller:v1.12.1";
    public static final String INGRESS_NGINX_CONTROLLER = "k8s.io/ingress-nginx";

    private Bootstrap() {
    }

    public static void install(ClusterProfile profile, ObjectStore store, ApiServer api) {
        List<String> names = ClusterNetwork.nodeNames(profile.workers());
        for (int i = 0; i < names.size(); i++) {
            store.create(node(names.get(i), i));
        }
        for (String ns : List.of("default", "kube-node-lease", "kube-public", "kube-system", "ingress-nginx")) {
            api.create(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build());
        }
        api.create(new ServiceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .addToLabels("component", "apiserver").addToLabels("provider", "kubernetes").endMetadata()
                .withNewSpec().withClusterIP(ClusterNetwork.KUBERNETES_SERVICE_IP)
                .withPorts(new ServicePortBuilder().withName("https").withPort(443).withProtocol("TCP")
                        .withTargetPort(new IntOrString(6443)).build())
                .withSessionAffinity("None").withType("ClusterIP").endSpec().build());
        api.create(new EndpointSliceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .addToLabels("kubernetes.io/service-name", "kubernetes")
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-mirroring-controller.k8s.io")
                .endMetadata().withAddressType("IPv4")
                .addNewEndpoint().withAddresses(ClusterNetwork.nodeIp(0)).withNewConditions().withReady(true)
                .withServing(true).withTerminating(false).endConditions().endEndpoint()
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort().build());

        Map<String, String> dnsLabels = Map.of("k8s-app", "kube-dns");
        api.create(new DeploymentBuilder().withNewMetadata().withName("coredns").withNamespace("kube-system")
                .withLabels(dnsLabels).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(dnsLabels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(dnsLabels).endMetadata()
                .withNewSpec().withPriorityClassName("system-cluster-critical").withDnsPolicy("Default")
                // kind's CoreDNS starts before the workers join, so both replicas run on the control plane.
                .addToNodeSelector("node-role.kubernetes.io/control-plane", "")
                .addNewToleration().withKey("CriticalAddonsOnly").withOperator("Exists").endToleration()
                .addNewToleration().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").endToleration()
                .addNewContainer().withName("coredns").withImage(COREDNS_IMAGE)
                .withArgs("-conf", "/etc/coredns/Corefile")
                .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("dns-tcp").withContainerPort(53).withProtocol("TCP").endPort()
                .addNewPort().withName("metrics").withContainerPort(9153).withProtocol("TCP").endPort()
                .endContainer().endSpec().endTemplate().endSpec().build());
        api.create(new ServiceBuilder().withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                .withLabels(new LinkedHashMap<>(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
                        "kubernetes.io/name", "CoreDNS"))).endMetadata()
                .withNewSpec().withClusterIP(ClusterNetwork.CLUSTER_DNS_IP).withSelector(dnsLabels)
                .withPorts(new ServicePortBuilder().withName("dns").withPort(53).withProtocol("UDP")
                                .withTargetPort(new IntOrString(53)).build(),
                        new ServicePortBuilder().withName("dns-tcp").withPort(53).withProtocol("TCP")
                                .withTargetPort(new IntOrString(53)).build(),
                        new ServicePortBuilder().withName("metrics").withPort(9153).withProtocol("TCP")
                                .withTargetPort(new IntOrString(9153)).build())
                .endSpec().build());

        Map<String, String> nginxLabels = new LinkedHashMap<>();
        nginxLabels.put("app.kubernetes.io/component", "controller");
        nginxLabels.put("app.kubernetes.io/instance", "ingress-nginx");
        nginxLabels.put("app.kubernetes.io/name", "ingress-nginx");
        api.create(new DeploymentBuilder().withNewMetadata().withName("ingress-nginx-controller")
                .withNamespace("ingress-nginx").withLabels(nginxLabels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(nginxLabels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(nginxLabels).endMetadata()
                .withNewSpec().withDnsPolicy("ClusterFirst")
                .addNewContainer().withName("controller").withImage(INGRESS_NGINX_IMAGE)
                .withArgs("/nginx-ingress-controller", "--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller",
                        "--election-id=ingress-nginx-leader", "--controller-class=" + INGRESS_NGINX_CONTROLLER,
                        "--ingress-class=nginx")
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                .addNewPort().withName("http").withContainerPort(80).withProtocol("TCP").endPort()
                .addNewPort().withName("https").withContainerPort(443).withProtocol("TCP").endPort()
                .addNewPort().withName("webhook").withContainerPort(8443).withProtocol("TCP").endPort()
                .endContainer().endSpec().endTemplate().endSpec().build());
        api.create(new ServiceBuilder().withNewMetadata().withName("ingress-nginx-controller")
                .withNamespace("ingress-nginx").withLabels(nginxLabels).endMetadata()
                .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy("Local").withSelector(nginxLabels)
                .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP")
                                .withAppProtocol("http").withTargetPort(new IntOrString("http")).build(),
                        new ServicePortBuilder().withName("https").withPort(443).withProtocol("TCP")
                                .withAppProtocol("https").withTargetPort(new IntOrString("https")).build())
                .endSpec().build());
        IngressClassBuilder nginx = new IngressClassBuilder().withNewMetadata().withName("nginx")
                .withLabels(nginxLabels).endMetadata().withNewSpec().withController(INGRESS_NGINX_CONTROLLER).endSpec();
        if (profile.defaultIngressClass()) {
            nginx.editMetadata().addToAnnotations("ingressclass.kubernetes.io/is-default-class", "true").endMetadata();
        }
        api.create(nginx.build());
    }

    public static final String ENVOY_GATEWAY_NAMESPACE = "envoy-gateway-system";
    public static final String ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
    public static final String ENVOY_GATEWAY_IMAGE = "docker.io/envoyproxy/gateway:v1.5.1";
    public static final String ENVOY_PROXY_IMAGE = "docker.io/envoyproxy/envoy:distroless-v1.35.1";

    /**
     * Envoy Gateway as its quickstart installs it on kind ({@code helm install eg oci://docker.io/envoyproxy/gateway-helm
     * -n envoy-gateway-system --create-namespace}, which brings the Gateway API CRDs), plus the quickstart's
     * GatewayClass {@code eg}. Only the controller runs at start; each Gateway gets its own Envoy Deployment and
     * LoadBalancer Service in envoy-gateway-system when it is created. Installed last, by {@code Cluster}, with
     * generated names from a sequence of its own.
     */
    public static void installEnvoyGateway(ApiServer api) {
        api.create(new NamespaceBuilder().withNewMetadata().withName(ENVOY_GATEWAY_NAMESPACE).endMetadata().build());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/instance", "eg");
        labels.put("app.kubernetes.io/name", "gateway-helm");
        labels.put("control-plane", "envoy-gateway");
        api.create(new DeploymentBuilder().withNewMetadata().withName("envoy-gateway")
                .withNamespace(ENVOY_GATEWAY_NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withServiceAccountName("envoy-gateway")
                // Kept on the control-plane node (a choice of this model, see README): the workers' pods get the
                // same IPs and nodes as on a cluster without Envoy Gateway.
                .addToNodeSelector("node-role.kubernetes.io/control-plane", "")
                .addNewToleration().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").endToleration()
                .addNewContainer().withName("envoy-gateway").withImage(ENVOY_GATEWAY_IMAGE)
                .withArgs("server", "--config-path=/config/envoy-gateway.yaml")
                .addNewEnv().withName("ENVOY_GATEWAY_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                .addNewPort().withName("grpc").withContainerPort(18000).withProtocol("TCP").endPort()
                .addNewPort().withName("ratelimit").withContainerPort(18001).withProtocol("TCP").endPort()
                .addNewPort().withName("wasm").withContainerPort(18002).withProtocol("TCP").endPort()
                .addNewPort().withName("metrics").withContainerPort(19001).withProtocol("TCP").endPort()
                .endContainer().endSpec().endTemplate().endSpec().build());
        api.create(new ServiceBuilder().withNewMetadata().withName("envoy-gateway")
                .withNamespace(ENVOY_GATEWAY_NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(labels)
                .withPorts(new ServicePortBuilder().withName("grpc").withPort(18000).withProtocol("TCP")
                                .withTargetPort(new IntOrString(18000)).build(),
                        new ServicePortBuilder().withName("ratelimit").withPort(18001).withProtocol("TCP")
                                .withTargetPort(new IntOrString(18001)).build(),
                        new ServicePortBuilder().withName("wasm").withPort(18002).withProtocol("TCP")
                                .withTargetPort(new IntOrString(18002)).build(),
                        new ServicePortBuilder().withName("metrics").withPort(19001).withProtocol("TCP")
                                .withTargetPort(new IntOrString(19001)).build())
                .endSpec().build());
        api.create(new io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder().withNewMetadata()
                .withName("eg").endMetadata().withNewSpec().withControllerName(ENVOY_GATEWAY_CONTROLLER).endSpec()
                .build());
    }

    /**
     * kubeadm's CoreDNS configuration, as kind installs it ({@code kubectl -n kube-system get cm coredns -o yaml}):
     * read by learners following "Debugging DNS Resolution"; the data plane's CoreDNS is modelled after it.
     */
    public static void installCoreDnsConfig(ObjectStore store) {
        store.create(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("coredns")
                .withNamespace("kube-system").endMetadata().addToData("Corefile", COREFILE).build());
    }

    /**
     * The ServiceAccounts and RBAC objects that "Debugging DNS Resolution" reads: each system namespace's
     * {@code default} ServiceAccount (the serviceaccount controller's), and kubeadm's CoreDNS ServiceAccount,
     * ClusterRole and ClusterRoleBinding ({@code cmd/kubeadm/app/phases/addons/dns/manifests.go}), plus the
     * {@code cluster-admin} ClusterRole every cluster has.
     */
    public static void installRbac(ObjectStore store) {
        for (String ns : List.of("default", "kube-node-lease", "kube-public", "kube-system", "ingress-nginx")) {
            store.create(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
                    .withName("default").withNamespace(ns).endMetadata().build());
        }
        store.create(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName("coredns")
                .withNamespace("kube-system").endMetadata().build());
        store.create(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder().withNewMetadata()
                .withName("system:coredns").endMetadata()
                .addNewRule().withApiGroups("").withResources("endpoints", "services", "pods", "namespaces")
                .withVerbs("list", "watch").endRule()
                .addNewRule().withApiGroups("discovery.k8s.io").withResources("endpointslices")
                .withVerbs("list", "watch").endRule()
                .build());
        store.create(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder().withNewMetadata()
                .withName("system:coredns").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:coredns")
                .addNewSubject().withKind("ServiceAccount").withName("coredns").withNamespace("kube-system")
                .endSubject().build());
        // The bootstrap policy's superuser role (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go).
        store.create(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder().withNewMetadata()
                .withName("cluster-admin").addToLabels("kubernetes.io/bootstrapping", "rbac-defaults")
                .addToAnnotations("rbac.authorization.kubernetes.io/autoupdate", "true").endMetadata()
                .addNewRule().withApiGroups("*").withResources("*").withVerbs("*").endRule()
                .addNewRule().withNonResourceURLs("*").withVerbs("*").endRule()
                .build());
    }

    /** The Corefile kubeadm v1.33 writes into the coredns ConfigMap, and the data plane's DNS follows. */
    public static final String COREFILE = """
            .:53 {
                errors
                health {
                   lameduck 5s
                }
                ready
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                   pods insecure
                   fallthrough in-addr.arpa ip6.arpa
                   ttl 30
                }
                prometheus :9153
                forward . /etc/resolv.conf {
                   max_concurrent 1000
                }
                cache 30
                loop
                reload
                loadbalance
            }
            """;

    private static Node node(String name, int index) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("beta.kubernetes.io/arch", "amd64").addToLabels("beta.kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64").addToLabels("kubernetes.io/hostname", name)
                .addToLabels("kubernetes.io/os", "linux").endMetadata()
                .withNewSpec().withPodCIDR(ClusterNetwork.podCidr(index)).withPodCIDRs(ClusterNetwork.podCidr(index))
                .withProviderID("kind://docker/kind/kind-" + name).endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(ClusterNetwork.nodeIp(index)).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").endCondition()
                .withNewNodeInfo().withArchitecture("amd64").withContainerRuntimeVersion("containerd://2.1.1")
                .withKernelVersion("6.8.0-60-generic").withKubeletVersion(KUBERNETES_VERSION)
                .withKubeProxyVersion(KUBERNETES_VERSION).withOperatingSystem("linux")
                .withOsImage("Debian GNU/Linux 12 (bookworm)").endNodeInfo()
                .endStatus();
        if (index == 0) {
            node.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "")
                    .addToLabels("node.kubernetes.io/exclude-from-external-load-balancers", "").endMetadata();
            node.editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule")
                    .endTaint().endSpec();
        }
        return node.build();
    }
}
