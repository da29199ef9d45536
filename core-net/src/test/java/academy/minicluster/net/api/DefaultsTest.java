package academy.minicluster.net.api;

import static academy.minicluster.net.api.Fixtures.deployment;
import static academy.minicluster.net.api.Fixtures.object;
import static academy.minicluster.net.api.Fixtures.pod;
import static academy.minicluster.net.api.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

class DefaultsTest {

    private static final String ONE_PORT = "  selector:\n    app: web\n  ports:\n  - port: 80\n";

    @Test
    void aServiceIsClusterIpWithNoAffinityByDefault() {
        ServiceSpec spec = ((Service) object(service(ONE_PORT))).getSpec();

        assertThat(spec.getType()).isEqualTo("ClusterIP");
        assertThat(spec.getSessionAffinity()).isEqualTo("None");
        assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getExternalTrafficPolicy()).isNull();
        assertThat(spec.getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(spec.getIpFamilies()).containsExactly("IPv4");
    }

    @Test
    void aServicePortIsTcpAndTargetsItsOwnNumberByDefault() {
        ServicePort port = ((Service) object(service(ONE_PORT))).getSpec().getPorts().get(0);

        assertThat(port.getProtocol()).isEqualTo("TCP");
        assertThat(port.getTargetPort().getIntVal()).isEqualTo(80);
    }

    @Test
    void aNamedTargetPortIsKept() {
        ServicePort port = ((Service) object(service("  ports:\n  - port: 80\n    targetPort: http\n")))
                .getSpec().getPorts().get(0);

        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void nodePortAndLoadBalancerServicesGetClusterExternalTrafficPolicy() {
        ServiceSpec spec = ((Service) object(service("  type: NodePort\n" + ONE_PORT))).getSpec();

        assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(spec.getAllocateLoadBalancerNodePorts()).isNull();
    }

    @Test
    void loadBalancersAllocateNodePortsByDefault() {
        ServiceSpec spec = ((Service) object(service("  type: LoadBalancer\n" + ONE_PORT))).getSpec();

        assertThat(spec.getAllocateLoadBalancerNodePorts()).isTrue();
        assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Cluster");
    }

    @Test
    void clientIpAffinityGetsThreeHoursOfStickiness() {
        ServiceSpec spec = ((Service) object(service("  sessionAffinity: ClientIP\n" + ONE_PORT))).getSpec();

        assertThat(spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
    }

    @Test
    void aRequestedClusterIpIsCopiedIntoClusterIps() {
        ServiceSpec spec = ((Service) object(service("  clusterIP: 10.96.0.50\n" + ONE_PORT))).getSpec();

        assertThat(spec.getClusterIPs()).containsExactly("10.96.0.50");
    }

    @Test
    void headlessSelectorlessServicesRequireDualStack() {
        ServiceSpec spec = ((Service) object(service("  clusterIP: None\n  ports:\n  - port: 80\n"))).getSpec();

        assertThat(spec.getIpFamilyPolicy()).isEqualTo("RequireDualStack");
        assertThat(spec.getIpFamilies()).containsExactly("IPv4", "IPv6");
    }

    @Test
    void externalNameServicesGetNoIpFamilies() {
        ServiceSpec spec = ((Service) object(service("  type: ExternalName\n  externalName: example.com\n"))).getSpec();

        assertThat(spec.getIpFamilyPolicy()).isNull();
        assertThat(spec.getIpFamilies()).isNullOrEmpty();
        assertThat(spec.getInternalTrafficPolicy()).isNull();
    }

    @Test
    void podSpecsGetTheKubeletDefaults() {
        Pod pod = object(pod("  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n"));

        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
    }

    @Test
    void aTaggedImageIsPulledIfNotPresent() {
        Pod pod = object(pod("  containers:\n  - name: web\n    image: nginx:1.27\n"));

        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void anUntaggedImageIsAlwaysPulled() {
        Pod pod = object(pod("  containers:\n  - name: web\n    image: registry.k8s.io:5000/e2e/agnhost\n"));

        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    void theLatestTagIsAlwaysPulled() {
        Pod pod = object(pod("  containers:\n  - name: web\n    image: nginx:latest\n"));

        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    void hostNetworkPodsExposeTheirContainerPortsOnTheHost() {
        Pod pod = object(pod("  hostNetwork: true\n  containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "    - containerPort: 8080\n"));

        assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getHostPort()).isEqualTo(8080);
    }

    @Test
    void probesGetTheirTimingAndHttpDefaults() {
        Pod pod = object(pod("  containers:\n  - name: web\n    image: nginx\n    readinessProbe:\n      httpGet:\n"
                + "        port: 80\n"));

        Probe probe = pod.getSpec().getContainers().get(0).getReadinessProbe();
        assertThat(probe.getPeriodSeconds()).isEqualTo(10);
        assertThat(probe.getTimeoutSeconds()).isEqualTo(1);
        assertThat(probe.getSuccessThreshold()).isEqualTo(1);
        assertThat(probe.getFailureThreshold()).isEqualTo(3);
        assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
    }

    @Test
    void deploymentsGetOneReplicaAndARollingUpdate() {
        Deployment deployment = object(deployment("  selector:\n    matchLabels:\n      app: web\n  template:\n"
                + "    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n"
                + "        image: nginx\n"));

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("25%");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
                .isEqualTo("25%");
        assertThat(deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(deployment.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    }

    @Test
    void endpointSlicePortsAreUnnamedTcpByDefault() {
        EndpointSlice slice = object("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\n"
                + "addressType: IPv4\nports:\n- port: 8080\n");

        assertThat(slice.getPorts().get(0).getName()).isEmpty();
        assertThat(slice.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    }

    @Test
    void aNetworkPolicyWithoutPolicyTypesIsAnIngressPolicy() {
        NetworkPolicy policy = object("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n"
                + "spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n");

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
    }

    @Test
    void aNetworkPolicyWithEgressRulesAlsoGetsEgress() {
        NetworkPolicy policy = object("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n"
                + "spec:\n  podSelector: {}\n  egress:\n  - {}\n");

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    }

    @Test
    void aNetworkPolicyWithOnlyAnEmptyEgressListIsIngressOnly() {
        NetworkPolicy policy = object("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n"
                + "spec:\n  podSelector: {}\n  egress: []\n");

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    }

    @Test
    void explicitPolicyTypesAreKept() {
        NetworkPolicy policy = object("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n"
                + "spec:\n  podSelector: {}\n  policyTypes: [Egress]\n");

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Egress");
    }

    @Test
    void namespacesCarryTheirNameAsALabel() {
        Namespace namespace = object("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n");

        assertThat(namespace.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
    }

    @Test
    void theNamespaceNameLabelCannotBeChanged() {
        Namespace namespace = object("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n"
                + "    kubernetes.io/metadata.name: other\n");

        assertThat(namespace.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
    }

    @Test
    void secretsAreOpaqueByDefault() {
        Secret secret = object("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n");

        assertThat(secret.getType()).isEqualTo("Opaque");
    }

    @Test
    void clusterScopedObjectsLoseAStrayNamespace() {
        Namespace namespace = object("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  namespace: b\n");

        assertThat(namespace.getMetadata().getNamespace()).isNull();
    }

    @Test
    void defaultingTwiceChangesNothing() {
        Service once = object(service("  type: LoadBalancer\n" + ONE_PORT));
        Service twice = object(service("  type: LoadBalancer\n" + ONE_PORT));
        new Defaults().apply(twice);

        assertThat(twice).isEqualTo(once);
    }
}
