package academy.minicluster.net.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.dataplane.policy.Peer.PodPeer;
import academy.minicluster.net.wire.Protocol;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The reachability matrices of the Kubernetes NetworkPolicy e2e suite (test/e2e/network/netpol), transcribed in
 * {@code conformance/networkpolicy-e2e.yaml}: the same fixture, the same steps (policy create/update/delete, namespace
 * and pod relabelling), every cell but a pod to itself.
 */
class NetworkPolicyConformanceTest {

    private static final String CASES = "/conformance/networkpolicy-e2e.yaml";
    private static final List<String> NODES = List.of("kind-worker", "kind-worker2");

    @TestFactory
    Stream<DynamicNode> everyCellOfEveryMatrixMatchesTheE2eSuite() throws IOException {
        List<DynamicNode> cases = new ArrayList<>();
        for (JsonNode testCase : cases()) {
            cases.add(DynamicContainer.dynamicContainer(testCase.get("name").asText(), steps(testCase)));
        }
        return cases.stream();
    }

    @Test
    void everyUpstreamCaseIsTranscribed() throws IOException {
        assertThat(cases()).hasSize(48);
        int cells = 0;
        for (JsonNode testCase : cases()) {
            for (JsonNode step : testCase.get("steps")) {
                for (Iterator<JsonNode> matrices = step.get("expect").elements(); matrices.hasNext(); ) {
                    cells += (int) Matrix.parse(matrices.next().asText()).cells().count();
                }
            }
        }
        assertThat(cells).isEqualTo(506);
    }

    private static List<JsonNode> cases() throws IOException {
        try (InputStream in = NetworkPolicyConformanceTest.class.getResourceAsStream(CASES)) {
            List<JsonNode> cases = new ArrayList<>();
            PolicyFixtures.YAML.readTree(in).get("cases").forEach(cases::add);
            return cases;
        }
    }

    private static Stream<DynamicTest> steps(JsonNode testCase) {
        Cluster cluster = new Cluster(testCase);
        List<DynamicTest> tests = new ArrayList<>();
        int stepNumber = 0;
        for (JsonNode step : testCase.get("steps")) {
            stepNumber++;
            cluster.apply(step);
            PolicyIndex index = cluster.index();
            for (Iterator<Map.Entry<String, JsonNode>> it = step.get("expect").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> matrix = it.next();
                String[] portAndProtocol = matrix.getKey().split("/");
                int port = Integer.parseInt(portAndProtocol[0]);
                Protocol protocol = Protocol.parse(portAndProtocol[1]);
                Matrix expected = Matrix.parse(matrix.getValue().asText());
                Map<String, Pod> pods = Map.copyOf(cluster.pods);
                tests.add(DynamicTest.dynamicTest("step " + stepNumber + " " + matrix.getKey(), () -> {
                    List<String> wrong = expected.cells()
                            .filter(cell -> index.decide(new Flow(new PodPeer(pods.get(cell.client())),
                                    new PodPeer(pods.get(cell.server())), port, protocol)).allowed() != cell.connects())
                            .map(cell -> cell.client() + " -> " + cell.server() + ": expected "
                                    + (cell.connects() ? "connected" : "blocked") + " but "
                                    + index.decide(new Flow(new PodPeer(pods.get(cell.client())),
                                            new PodPeer(pods.get(cell.server())), port, protocol)).hops().stream()
                                    .map(Hop::toString).collect(Collectors.joining(" | ")))
                            .toList();
                    assertThat(wrong).as("cells that differ from the e2e suite").isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** The e2e model: namespaces x, y, z; the case's pods, spread over two nodes; the policies applied so far. */
    private static final class Cluster {
        final Map<String, Namespace> namespaces = new LinkedHashMap<>();
        final Map<String, Pod> pods = new LinkedHashMap<>();
        final Map<String, NetworkPolicy> policies = new LinkedHashMap<>();

        Cluster(JsonNode testCase) {
            for (String name : List.of("x", "y", "z")) {
                namespaces.put(name, PolicyFixtures.namespace(name, Map.of("ns", name)));
            }
            List<String[]> served = new ArrayList<>();
            testCase.get("serve").forEach(p -> served.add(p.asText().split("/")));
            int n = 0;
            for (JsonNode podNode : testCase.get("pods")) {
                String[] nsAndName = podNode.asText().split("/");
                int nodeIndex = n % NODES.size();
                String ip = "10.244." + (nodeIndex + 1) + "." + (10 + n);
                PodBuilder pod = new PodBuilder()
                        .withNewMetadata().withNamespace(nsAndName[0]).withName(nsAndName[1])
                        .withLabels(Map.of("pod", nsAndName[1])).endMetadata()
                        .withNewSpec().withNodeName(NODES.get(nodeIndex)).endSpec()
                        .withNewStatus().withPodIP(ip).endStatus();
                for (String[] portAndProtocol : served) {
                    String suffix = portAndProtocol[0] + "-" + portAndProtocol[1].toLowerCase(Locale.ROOT);
                    pod.editSpec().addToContainers(new ContainerBuilder().withName("cont-" + suffix)
                            .withPorts(new ContainerPortBuilder().withName("serve-" + suffix)
                                    .withContainerPort(Integer.parseInt(portAndProtocol[0]))
                                    .withProtocol(portAndProtocol[1]).build()).build()).endSpec();
                }
                pods.put(podNode.asText(), pod.build());
                n++;
            }
        }

        void apply(JsonNode step) {
            for (String verb : List.of("create", "update")) {
                if (step.has(verb)) {
                    step.get(verb).fields().forEachRemaining(entry -> {
                        String[] nsAndName = entry.getKey().split("/");
                        NetworkPolicySpec spec = PolicyFixtures.YAML.convertValue(withIps(entry.getValue()), NetworkPolicySpec.class);
                        policies.put(entry.getKey(), PolicyFixtures.policy(nsAndName[0], nsAndName[1], spec));
                    });
                }
            }
            if (step.has("deleteAllPolicies")) {
                policies.clear();
            }
            if (step.has("labelNamespace")) {
                step.get("labelNamespace").fields().forEachRemaining(entry -> namespaces.put(entry.getKey(),
                        PolicyFixtures.namespace(entry.getKey(), labels(entry.getValue()))));
            }
            if (step.has("labelPod")) {
                step.get("labelPod").fields().forEachRemaining(entry -> {
                    Pod pod = pods.get(entry.getKey());
                    Map<String, String> labels = new LinkedHashMap<>(labels(entry.getValue()));
                    labels.put("pod", pod.getMetadata().getName());
                    pods.put(entry.getKey(), new PodBuilder(pod).editMetadata().withLabels(labels).endMetadata().build());
                });
            }
        }

        /** Replaces {@code ${podIP:x/b}} by that pod's IP and {@code ${podNet4:x/b}} by the /4 network holding it. */
        private JsonNode withIps(JsonNode spec) {
            try {
                String text = PolicyFixtures.YAML.writeValueAsString(spec);
                for (Map.Entry<String, Pod> pod : pods.entrySet()) {
                    String ip = pod.getValue().getStatus().getPodIP();
                    int firstOctet = Integer.parseInt(ip.substring(0, ip.indexOf('.')));
                    text = text.replace("${podIP:" + pod.getKey() + "}", ip)
                            .replace("${podNet4:" + pod.getKey() + "}", (firstOctet & 0xf0) + ".0.0.0/4");
                }
                assertThat(text).doesNotContain("${");
                return PolicyFixtures.YAML.readTree(text);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        PolicyIndex index() {
            return PolicyIndex.of(List.copyOf(policies.values()), List.copyOf(namespaces.values()), true);
        }

        private static Map<String, String> labels(JsonNode node) {
            Map<String, String> labels = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            return labels;
        }
    }

    /** One expected matrix: a header of servers, then a row per client of 1 (connects), 0 (blocked) or . (self). */
    private record Matrix(List<Cell> all) {

        record Cell(String client, String server, boolean connects) {
        }

        static Matrix parse(String text) {
            String[] lines = text.strip().split("\n");
            String[] servers = lines[0].trim().split("\\s+");
            List<Cell> cells = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] row = lines[i].trim().split("\\s+");
                assertThat(row).as("row %s", lines[i]).hasSameSizeAs(servers);
                for (int j = 1; j < row.length; j++) {
                    if (!row[j].equals(".")) {
                        assertThat(row[j]).isIn("0", "1");
                        cells.add(new Cell(row[0], servers[j], row[j].equals("1")));
                    }
                }
            }
            return new Matrix(cells);
        }

        Stream<Cell> cells() {
            return all.stream();
        }
    }
}
