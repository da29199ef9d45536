package academy.minicluster.net.dataplane.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the objects policy tests talk about: pods on nodes, labelled namespaces, policies written in YAML. */
final class PolicyFixtures {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyFixtures() {
    }

    static Namespace namespace(String name, Map<String, String> labels) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    /** A running pod with {@code ip} on {@code node}, one container serving {@code ports} (each {@code name:80/TCP}). */
    static Pod pod(String namespace, String name, Map<String, String> labels, String ip, String node, String... ports) {
        List<ContainerPort> containerPorts = new ArrayList<>();
        for (String port : ports) {
            String[] nameAndPort = port.split(":");
            String[] numberAndProtocol = nameAndPort[1].split("/");
            containerPorts.add(new ContainerPortBuilder().withName(nameAndPort[0])
                    .withContainerPort(Integer.parseInt(numberAndProtocol[0])).withProtocol(numberAndProtocol[1]).build());
        }
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node)
                .withContainers(new ContainerBuilder().withName("server").withImage("registry.k8s.io/e2e-test-images/agnhost:2.53")
                        .withPorts(containerPorts).build())
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
                .build();
    }

    static Pod hostNetworkPod(String namespace, String name, Map<String, String> labels, String nodeIp, String node) {
        Pod pod = pod(namespace, name, labels, nodeIp, node, "http:80/TCP");
        pod.getSpec().setHostNetwork(true);
        return pod;
    }

    /** A NetworkPolicy whose spec is written in YAML, e.g. {@code {podSelector: {}, policyTypes: [Ingress]}}. */
    static NetworkPolicy policy(String namespace, String name, String specYaml) {
        try {
            return policy(namespace, name, YAML.readValue(specYaml, NetworkPolicySpec.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetworkPolicy policy(String namespace, String name, NetworkPolicySpec spec) {
        return new NetworkPolicyBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withSpec(spec).build();
    }
}
