package academy.minicluster.net.controller;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's filters and scores: node affinity, pod affinity and anti-affinity, topology spread, taints, with
 * kube-scheduler's FailedScheduling wording and deterministic placement. The default cluster has control-plane
 * (tainted) and worker, worker2; {@link #cluster} labels the workers {@code zone=a} / {@code zone=b}.
 */
class SchedulerTest {

    private final Cluster cluster = Cluster.create();

    private SchedulerTest zones() {
        label("worker", Map.of("zone", "a", "disk", "ssd", "gen", "3"));
        label("worker2", Map.of("zone", "b", "disk", "hdd", "gen", "5"));
        return this;
    }

    private void label(String node, Map<String, String> labels) {
        Node n = cluster.store().get(Node.class, "Node", "", node).orElseThrow();
        Node copy = new NodeBuilder(n).editMetadata().addToLabels(labels).endMetadata().build();
        cluster.api().replace(copy);
    }

    private void apply(String yaml) {
        var decoded = new academy.minicluster.net.api.ManifestDecoder().decode(yaml, "test.yaml");
        assertThat(decoded.errors()).isEmpty();
        decoded.objects().forEach(d -> cluster.api().apply(d.object()));
    }

    private Pod pod(String name) {
        return cluster.store().get(Pod.class, "Pod", "default", name).orElseThrow();
    }

    private String nodeOf(String name) {
        return pod(name).getSpec().getNodeName();
    }

    private String failedScheduling(String name) {
        return cluster.events().about("Pod", "default", name).stream()
                .filter(e -> "FailedScheduling".equals(e.getReason()))
                .map(Event::getMessage).reduce((a, b) -> b).orElse(null);
    }

    private static String pod(String name, String labels, String spec) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  labels: {" + labels + "}\nspec:\n"
                + spec.indent(2) + "  containers:\n  - name: c\n    image: nginx\n";
    }

    private static String requiredNodeAffinity(String expression) {
        return """
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - %s
                """.formatted(expression);
    }

    @Test
    void requiredNodeAffinityInPicksTheMatchingNode() {
        zones().apply(pod("p", "", requiredNodeAffinity("{key: disk, operator: In, values: [hdd]}")));

        assertThat(nodeOf("p")).isEqualTo("worker2");
    }

    @Test
    void everyOperatorOfNodeSelectorRequirements() {
        zones();
        apply(pod("notin", "", requiredNodeAffinity("{key: zone, operator: NotIn, values: [a]}")));
        apply(pod("exists", "", requiredNodeAffinity("{key: disk, operator: Exists}")));
        apply(pod("gt", "", requiredNodeAffinity("{key: gen, operator: Gt, values: ['4']}")));
        apply(pod("lt", "", requiredNodeAffinity("{key: gen, operator: Lt, values: ['4']}")));
        apply(pod("absent", "", requiredNodeAffinity("{key: node-role.kubernetes.io/control-plane, operator: "
                + "DoesNotExist}")));

        assertThat(nodeOf("notin")).isEqualTo("worker2");
        assertThat(nodeOf("exists")).isIn("worker", "worker2");
        assertThat(nodeOf("gt")).isEqualTo("worker2");
        assertThat(nodeOf("lt")).isEqualTo("worker");
        assertThat(nodeOf("absent")).isIn("worker", "worker2");
    }

    @Test
    void matchFieldsSelectsTheNodeByName() {
        apply(pod("p", "", """
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchFields:
                        - {key: metadata.name, operator: In, values: [worker2]}
                """));

        assertThat(nodeOf("p")).isEqualTo("worker2");
    }

    @Test
    void termsAreOredAndAnEmptyTermMatchesNothing() {
        zones().apply(pod("p", "", """
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - {}
                      - matchExpressions:
                        - {key: zone, operator: In, values: [b]}
                """));

        assertThat(nodeOf("p")).isEqualTo("worker2");
    }

    @Test
    void noMatchingNodeLeavesThePodPendingWithKubeSchedulersMessage() {
        zones().apply(pod("p", "", requiredNodeAffinity("{key: zone, operator: In, values: [c]}")));

        assertThat(nodeOf("p")).isNull();
        assertThat(pod("p").getStatus().getPhase()).isEqualTo("Pending");
        assertThat(failedScheduling("p")).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    }

    @Test
    void preferredNodeAffinityWinsOverSpreading() {
        zones();
        String preferZoneB = """
                affinity:
                  nodeAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 10
                      preference:
                        matchExpressions:
                        - {key: zone, operator: In, values: [a]}
                    - weight: 50
                      preference:
                        matchExpressions:
                        - {key: zone, operator: In, values: [b]}
                """;
        apply(pod("one", "", preferZoneB));
        apply(pod("two", "", preferZoneB));

        assertThat(nodeOf("one")).isEqualTo("worker2");
        assertThat(nodeOf("two")).isEqualTo("worker2");
    }

    @Test
    void preferredNodeAffinityThatNoNodeMatchesStillSchedules() {
        zones().apply(pod("p", "", """
                affinity:
                  nodeAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 1
                      preference:
                        matchExpressions:
                        - {key: zone, operator: In, values: [z]}
                """));

        assertThat(nodeOf("p")).isIn("worker", "worker2");
    }

    @Test
    void requiredPodAffinityFollowsTheMatchingPodsDomain() {
        zones();
        apply(pod("db", "app: db", "nodeSelector: {zone: b}\n"));
        apply(pod("api", "app: api", """
                affinity:
                  podAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: zone
                      labelSelector:
                        matchLabels: {app: db}
                """));

        assertThat(nodeOf("api")).isEqualTo("worker2");
    }

    @Test
    void requiredPodAffinityWithoutAMatchingPodIsPending() {
        apply(pod("api", "app: api", """
                affinity:
                  podAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      labelSelector:
                        matchLabels: {app: db}
                """));

        assertThat(nodeOf("api")).isNull();
        assertThat(failedScheduling("api")).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod affinity rules. preemption: "
                + "0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    }

    @Test
    void theFirstPodOfAGroupMatchingItsOwnAffinityIsScheduled() {
        apply(pod("cache", "app: cache", """
                affinity:
                  podAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      labelSelector:
                        matchLabels: {app: cache}
                """));

        assertThat(nodeOf("cache")).isIn("worker", "worker2");
    }

    @Test
    void requiredAntiAffinityPutsReplicasOnDifferentNodesAndLeavesTheThirdPending() {
        String antiAffinity = """
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      labelSelector:
                        matchLabels: {app: web}
                """;
        apply(pod("w1", "app: web", antiAffinity));
        apply(pod("w2", "app: web", antiAffinity));
        apply(pod("w3", "app: web", antiAffinity));

        assertThat(List.of(nodeOf("w1"), nodeOf("w2"))).containsExactlyInAnyOrder("worker", "worker2");
        assertThat(nodeOf("w3")).isNull();
        assertThat(failedScheduling("w3")).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. "
                + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption "
                + "victims found for incoming pod.");
    }

    @Test
    void anExistingPodsAntiAffinityKeepsOthersAway() {
        apply(pod("loner", "app: loner", """
                nodeName: worker
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      labelSelector:
                        matchLabels: {app: other}
                """));
        apply(pod("other", "app: other", ""));
        apply(pod("other2", "app: other", ""));

        assertThat(nodeOf("other")).isEqualTo("worker2");
        assertThat(nodeOf("other2")).isEqualTo("worker2");
    }

    @Test
    void antiAffinityLooksOnlyAtTheTermsNamespaces() {
        apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels: {team: x}\n");
        apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: there\n  namespace: team\n  labels: {app: web}\n"
                + "spec:\n  nodeName: worker\n  containers:\n  - name: c\n    image: nginx\n");
        String term = """
                affinity:
                  podAntiAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      %s
                      labelSelector:
                        matchLabels: {app: web}
                """;
        apply(pod("own-namespace", "", term.formatted("namespaces: []")));
        apply(pod("by-selector", "", term.formatted("namespaceSelector: {matchLabels: {team: x}}")));

        // Spreading alone would also pick worker2 for the first; the second must avoid worker.
        assertThat(nodeOf("by-selector")).isEqualTo("worker2");
        apply(pod("by-name", "", term.formatted("namespaces: [team]")));
        assertThat(nodeOf("by-name")).isEqualTo("worker2");
    }

    @Test
    void preferredAntiAffinitySpreadsWithoutRefusing() {
        String preferred = """
                affinity:
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels: {app: web}
                """;
        apply(pod("w1", "app: web", preferred));
        apply(pod("w2", "app: web", preferred));
        apply(pod("w3", "app: web", preferred));

        assertThat(List.of(nodeOf("w1"), nodeOf("w2"))).containsExactlyInAnyOrder("worker", "worker2");
        assertThat(nodeOf("w3")).isNotNull();
    }

    @Test
    void preferredPodAffinityPullsTowardsTheMatchingPod() {
        apply(pod("db", "app: db", "nodeName: worker2\n"));
        apply(pod("filler", "", "nodeName: worker2\n"));
        apply(pod("api", "", """
                affinity:
                  podAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 1
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels: {app: db}
                """));

        assertThat(nodeOf("api")).isEqualTo("worker2");
    }

    private static String spread(String key, String when, int maxSkew) {
        return """
                topologySpreadConstraints:
                - maxSkew: %d
                  topologyKey: %s
                  whenUnsatisfiable: %s
                  labelSelector:
                    matchLabels: {app: web}
                """.formatted(maxSkew, key, when);
    }

    @Test
    void doNotScheduleKeepsTheSkewWithinMaxSkew() {
        zones();
        apply(pod("pinned1", "app: web", "nodeName: worker\n"));
        apply(pod("pinned2", "app: web", "nodeName: worker\n"));
        apply(pod("s1", "app: web", spread("zone", "DoNotSchedule", 1)));
        apply(pod("s2", "app: web", spread("zone", "DoNotSchedule", 1)));
        apply(pod("s3", "app: web", spread("zone", "DoNotSchedule", 1)));

        assertThat(nodeOf("s1")).isEqualTo("worker2");
        assertThat(nodeOf("s2")).isEqualTo("worker2");
        assertThat(nodeOf("s3")).isIn("worker", "worker2");
    }

    @Test
    void doNotScheduleOnAnUnlabelledTopologyKeyNamesTheMissingLabel() {
        apply(pod("s", "app: web", spread("zone", "DoNotSchedule", 1)));

        assertThat(nodeOf("s")).isNull();
        assertThat(failedScheduling("s")).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod topology spread constraints "
                + "(missing required label). preemption: 0/3 nodes are available: 3 Preemption is not helpful for "
                + "scheduling.");
    }

    @Test
    void doNotScheduleRefusesTheNodeThatWouldExceedMaxSkew() {
        zones();
        apply(pod("a1", "app: web", "nodeName: worker\n"));
        apply(pod("s", "app: web", spread("zone", "DoNotSchedule", 1)
                + "nodeSelector: {zone: a}\n"));

        // Only zone a is eligible (node affinity is honoured), so its own skew is 2 - 1 = 1: allowed.
        assertThat(nodeOf("s")).isEqualTo("worker");
    }

    @Test
    void minDomainsCountsMissingDomainsAsEmpty() {
        zones();
        apply(pod("a1", "app: web", "nodeName: worker\n"));
        apply(pod("s", "app: web", """
                nodeSelector: {zone: a}
                topologySpreadConstraints:
                - maxSkew: 1
                  minDomains: 3
                  topologyKey: zone
                  whenUnsatisfiable: DoNotSchedule
                  labelSelector:
                    matchLabels: {app: web}
                """));

        assertThat(nodeOf("s")).isNull();
        // Each node's first failing filter, counted; sorted as text, so "P" (node affinity) before "p" (spread).
        assertThat(failedScheduling("s")).isEqualTo("0/3 nodes are available: 1 node(s) didn't match Pod's node "
                + "affinity/selector, 1 node(s) didn't match pod topology spread constraints, 1 node(s) had untolerated "
                + "taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 1 No "
                + "preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void scheduleAnywayPrefersTheEmptierDomain() {
        zones();
        apply(pod("a1", "app: web", "nodeName: worker2\n"));
        apply(pod("a2", "app: web", "nodeName: worker2\n"));
        apply(pod("s", "app: web", spread("zone", "ScheduleAnyway", 1)));

        assertThat(nodeOf("s")).isEqualTo("worker");
    }

    @Test
    void tolerationsLetAPodOntoTheControlPlane() {
        apply(pod("p", "", """
                nodeSelector: {node-role.kubernetes.io/control-plane: ""}
                tolerations:
                - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                """));

        assertThat(nodeOf("p")).isEqualTo("control-plane");
    }

    @Test
    void theSameManifestsPlaceTheSamePodsOnTheSameNodes() {
        Map<String, String> first = placeSpreadDeployment();
        Map<String, String> second = new SchedulerTest().placeSpreadDeployment();

        assertThat(second).isEqualTo(first);
        assertThat(first.values()).contains("worker", "worker2");
    }

    private Map<String, String> placeSpreadDeployment() {
        cluster.api().apply(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("x")
                .endMetadata().build());
        apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 5
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      topologySpreadConstraints:
                      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,
                         labelSelector: {matchLabels: {app: web}}}
                      containers: [{name: c, image: nginx}]
                """);
        Map<String, String> placement = new TreeMap<>();
        cluster.store().list(Pod.class, "Pod", "default").stream().sorted(Comparator.comparing(p -> p.getMetadata()
                .getName())).forEach(p -> placement.put(p.getMetadata().getName(), p.getSpec().getNodeName()));
        return placement;
    }
}
