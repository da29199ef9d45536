package academy.minicluster.labs.probe;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.probe.Probe.PodKey;
import academy.minicluster.labs.probe.Probe.Port;
import academy.minicluster.net.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one probe set the grader's likeReference check and the linter's mutation check both ask on. */
class ProbeSetTest {

    private static Cluster reference(String labId) throws Exception {
        Lab lab = BuiltInLabs.load(labId).orElseThrow();
        return Grader.prepare(lab, Submission.of(lab.solutions().get(0).steps())).cluster();
    }

    @Test
    void probesEveryPodPairOnEveryDeclaredPortAndOneUndeclared() throws Exception {
        ProbeSet set = ProbeSet.of(reference("readiness-gates-traffic"), List.of());

        PodKey client = new PodKey("default", "client", 0);
        PodKey secondApi = new PodKey("default", "api", 1);
        assertThat(set.probes()).contains(new Probe.PodToPod(client, secondApi, Port.tcp(8080)),
                new Probe.PodToPod(client, secondApi, Port.tcp(9999)),
                new Probe.PodToPod(secondApi, client, Port.tcp(8080)));
    }

    @Test
    void probesTheApiServerDnsAndEveryServiceFromEveryPod() throws Exception {
        ProbeSet set = ProbeSet.of(reference("readiness-gates-traffic"), List.of());

        PodKey client = new PodKey("default", "client", 0);
        assertThat(set.probes()).contains(new Probe.PodToApiServer(client),
                new Probe.PodLookup(client, "api.default.svc.cluster.local"),
                new Probe.PodToService(client, "default", "api", 80));
    }

    @Test
    void probesEveryIngressHostAndPathWithItsNearMissesOverHttpAndHttps() throws Exception {
        ProbeSet set = ProbeSet.of(reference("ingress-hosts-and-paths"), List.of());

        for (String path : List.of("/api", "/api/", "/apis", "/API", "/api/x", "/", "/x")) {
            assertThat(set.probes()).contains(new Probe.ThroughIngress(false, "shop.example.com", path),
                    new Probe.ThroughIngress(true, "shop.example.com", path));
        }
        assertThat(set.probes()).contains(new Probe.ThroughIngress(false, "xshop.example.com", "/"));
    }

    @Test
    void probesEveryHttpRouteHostAndPathThroughItsGatewayWithAndWithoutItsHeaders() throws Exception {
        Cluster cluster = reference("gateway-hosts-paths-headers");
        ProbeSet set = ProbeSet.of(cluster, List.of());
        Probe.Header beta = new Probe.Header("X-Version", "beta");
        Probe plain = new Probe.ThroughGateway("default", "shop", 80, false, "shop.example.com", "/api",
                Probe.Header.NONE);
        Probe withHeader = new Probe.ThroughGateway("default", "shop", 80, false, "shop.example.com", "/api", beta);
        Probe nearMiss = new Probe.ThroughGateway("default", "shop", 80, false, "shop.example.com", "/apis", beta);
        Probe otherHost = new Probe.ThroughGateway("default", "shop", 80, false, "xshop.example.com", "/",
                Probe.Header.NONE);
        assertThat(set.probes()).contains(plain, withHeader, nearMiss, otherHost);

        var answers = set.answer(cluster).byProbe();
        assertThat(answers.get(plain).words()).isEqualTo("gets HTTP 200 via Service default/api");
        assertThat(answers.get(withHeader).words()).isEqualTo("gets HTTP 200 via Service default/api-beta");
        assertThat(answers.get(nearMiss).words()).isEqualTo("gets HTTP 200 via Service default/web");
        assertThat(answers.get(otherHost).words()).isEqualTo("gets HTTP 404");
        assertThat(withHeader.describe()).isEqualTo("from the workstation, http://shop.example.com/api with header"
                + " X-Version: beta via Gateway default/shop");
    }

    @Test
    void aWeightedRuleAnswersWithItsBackendsSharesNotWithTheServiceOneRequestDrew() throws Exception {
        Cluster cluster = reference("gateway-canary-by-weight");
        ProbeSet set = ProbeSet.of(cluster, List.of());
        Probe root = new Probe.ThroughGateway("default", "shop", 80, false, "shop.example.com", "/",
                Probe.Header.NONE);
        List<String> sent = new java.util.ArrayList<>();

        Answers first = set.answer(cluster, r -> sent.add(r.command()));

        assertThat(first.byProbe().get(root).words()).isEqualTo("matches HTTPRoute default/web, which splits"
                + " requests by weight: default/web-v1:80 9/10, default/web-v2:80 1/10");
        // No request is sent for it (its Service would be a draw), and every run answers the same.
        assertThat(sent).noneMatch(c -> c.contains("'Host: shop.example.com'") && !c.contains("X-Canary")
                && c.endsWith("http://172.18.255.201/"));
        assertThat(sent).contains("curl -sS -o /dev/null -H 'Host: xshop.example.com' http://172.18.255.201/");
        for (int i = 0; i < 3; i++) {
            assertThat(set.answer(cluster).differencesFrom(first)).isEmpty();
        }
    }

    /**
     * Mistakes the linter has no HTTPRoute operator for yet (a weight, a header's value, a path, a hostname, a
     * sectionName), each made with {@code kubectl patch} on the reference: the probe set tells each from it.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "canary:[{\"op\":\"replace\",\"path\":\"/spec/rules/1/backendRefs/0/weight\",\"value\":80}]",
            "canary:[{\"op\":\"replace\",\"path\":\"/spec/rules/0/matches/0/headers/0/value\",\"value\":\"yes\"}]",
            "hosts:[{\"op\":\"replace\",\"path\":\"/spec/rules/1/matches/0/path/value\",\"value\":\"/api/\"}]",
            "hosts:[{\"op\":\"replace\",\"path\":\"/spec/hostnames/0\",\"value\":\"www.example.com\"}]",
            "hosts:[{\"op\":\"add\",\"path\":\"/spec/parentRefs/0/sectionName\",\"value\":\"other\"}]"})
    void aChangedWeightHeaderPathHostnameOrSectionNameAnswersUnlikeTheReference(String mutation) throws Exception {
        String labId = mutation.startsWith("canary:") ? "gateway-canary-by-weight" : "gateway-hosts-paths-headers";
        String route = mutation.startsWith("canary:") ? "web" : "shop";
        String patch = mutation.substring(mutation.indexOf(':') + 1);
        Lab lab = BuiltInLabs.load(labId).orElseThrow();
        Cluster reference = reference(labId);
        var mutant = Grader.prepare(lab, Submission.of(lab.solutions().get(0).steps()));
        assertThat(mutant.execute("kubectl patch httproute " + route + " --type=json -p='" + patch + "'")
                .exitCode()).isZero();

        ProbeSet set = ProbeSet.of(reference, List.of()).union(ProbeSet.of(mutant.cluster(), List.of()));

        assertThat(set.answer(mutant.cluster()).differencesFrom(set.answer(reference)))
                .anySatisfy(d -> assertThat(d.probe()).isInstanceOf(Probe.ThroughGateway.class));
    }

    @Test
    void nearMissesOfAPathAreASlashAddedOrRemovedAnSUpperCaseAndASubPath() {
        assertThat(ProbeSet.nearMisses("/api")).containsExactly("/api", "/api/", "/apis", "/API", "/api/x");
        assertThat(ProbeSet.nearMisses("/api/")).containsExactly("/api/", "/api", "/apis", "/API", "/api/x");
    }

    @Test
    void aClusterAnswersLikeItselfAndTheReplicasOfAWorkloadDifferOnce() throws Exception {
        Cluster cluster = reference("readiness-gates-traffic");
        ProbeSet set = ProbeSet.of(cluster, List.of());
        Answers answers = set.answer(cluster);

        assertThat(answers.size()).isEqualTo(set.size());
        assertThat(set.answer(cluster).differencesFrom(answers)).isEmpty();
    }

    @Test
    void httpsProbesGetTheAnswerOverTheTlsChannelAsCurlDoes() throws Exception {
        Cluster cluster = reference("ingress-tls");
        ProbeSet set = ProbeSet.of(cluster, List.of());

        // Before: the request went in clear to port 443 and every HTTPS probe answered 400.
        assertThat(set.answer(cluster).byProbe().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).isInstanceOf(Probe.ThroughIngress.class);
            assertThat(((Probe.ThroughIngress) e.getKey()).tls()).isTrue();
            assertThat(e.getValue().words()).startsWith("gets HTTP 200").contains("certificate");
        });
    }

    @Test
    void aMissingWorkloadIsNamedOnceAndDifferencesReadForALearner() throws Exception {
        Cluster cluster = reference("readiness-gates-traffic");
        ProbeSet set = ProbeSet.of(cluster, List.of());
        Answers reference = set.answer(cluster);
        Lab lab = BuiltInLabs.load("readiness-gates-traffic").orElseThrow();
        Cluster learner = Grader.prepare(lab, Submission.commands("kubectl delete pod client\n")).cluster();

        List<String> diff = set.answer(learner).describeDifferencesFrom(reference, "yours");

        assertThat(diff).contains("yours has no pod of default/client; the reference's does");
        assertThat(diff.stream().filter(d -> d.contains("no pod of default/client"))).hasSize(1);
    }
}
