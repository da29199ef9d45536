package academy.minicluster.net.dataplane.dns;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;

/** Kubernetes objects for DNS tests, built the way the API server and the EndpointSlice controller would. */
final class DnsFixtures {

    private DnsFixtures() {
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/metadata.name", name)).endMetadata().build();
    }

    static ServicePort port(String name, int port, String protocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    static ServicePort unnamedPort(int port) {
        return new ServicePortBuilder().withPort(port).withProtocol("TCP").build();
    }

    static Service clusterIp(String namespace, String name, String clusterIp, ServicePort... ports) {
        return clusterIps(namespace, name, List.of(clusterIp), ports);
    }

    static Service clusterIps(String namespace, String name, List<String> clusterIps, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIps.get(0)).withClusterIPs(clusterIps)
                .withPorts(ports).endSpec().build();
    }

    static Service headless(String namespace, String name, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("None").withClusterIPs("None")
                .withPorts(ports).endSpec().build();
    }

    static Service externalName(String namespace, String name, String externalName) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName(externalName).endSpec().build();
    }

    static EndpointPort slicePort(String name, int port, String protocol) {
        return new EndpointPortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    static Endpoint ready(String ip) {
        return endpoint(ip, true, null, null);
    }

    static Endpoint notReady(String ip) {
        return endpoint(ip, false, null, null);
    }

    static Endpoint endpoint(String ip, Boolean ready, String hostname, String podName) {
        EndpointBuilder b = new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(ready)
                .withServing(ready).withTerminating(false).endConditions();
        if (hostname != null) {
            b.withHostname(hostname);
        }
        if (podName != null) {
            b.withNewTargetRef().withKind("Pod").withName(podName).endTargetRef();
        }
        return b.build();
    }

    static EndpointSlice slice(String namespace, String name, String service, List<EndpointPort> ports,
                               Endpoint... endpoints) {
        return slice(namespace, name, service, "IPv4", ports, endpoints);
    }

    static EndpointSlice slice(String namespace, String name, String service, String addressType,
                               List<EndpointPort> ports, Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withLabels(Map.of("kubernetes.io/service-name", service,
                        "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"))
                .endMetadata().withAddressType(addressType).withPorts(ports).withEndpoints(endpoints).build();
    }

    static Pod pod(String namespace, String name, String ip) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPodIP(ip).addNewPodIP().withIp(ip).endPodIP().endStatus().build();
    }
}
