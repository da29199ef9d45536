package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.Test;

/**
 * NetworkPolicy through probes (semantics §6) over {@code scenarios/netpol.yaml} and the policies in
 * {@code scenarios/netpol/}.
 */
class NetworkPolicyScenarioTest {

    private static Scenario cluster() {
        return Scenario.fresh().apply("netpol.yaml");
    }

    private static ShellResult curl(Scenario s, String from, String url) {
        return s.run("kubectl exec " + from + " -- curl -sS -m 3 " + url);
    }

    @Test
    void withoutPoliciesEveryPodReachesTheServer() {
        Scenario s = cluster();
        assertThat(curl(s, "stranger", "http://server/hostname").stdout()).isEqualTo("server");
    }

    @Test
    void defaultDenyIngressDropsEveryConnection() {
        Scenario s = cluster().apply("netpol/deny.yaml");
        ShellResult r = curl(s, "friend", "http://server/hostname");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr()).startsWith("curl: (28) Connection timed out after 3000 milliseconds");
    }

    @Test
    void traceNamesTheIsolatingPolicy() {
        Scenario s = cluster().apply("netpol/deny.yaml");
        Hop stop = Scenario.stops(curl(s, "friend", "http://server/hostname")).get(0);
        assertThat(stop.stage()).isEqualTo(Hop.Stage.POLICY);
        assertThat(stop.verdict()).isEqualTo(Hop.Verdict.DROPPED);
        assertThat(stop.decidedBy()).contains(new ObjectRef("NetworkPolicy", "default", "default-deny"));
        assertThat(stop.decision()).contains("NetworkPolicy default/default-deny");
    }

    @Test
    void podSelectorRuleAllowsTheSelectedClient() {
        Scenario s = cluster().apply("netpol/deny.yaml").apply("netpol/allow-friend.yaml");
        assertThat(curl(s, "friend", "http://server/hostname").stdout()).isEqualTo("server");
    }

    @Test
    void podSelectorRuleKeepsOthersOut() {
        Scenario s = cluster().apply("netpol/deny.yaml").apply("netpol/allow-friend.yaml");
        assertThat(curl(s, "stranger", "http://server/hostname").exitCode()).isEqualTo(28);
    }

    @Test
    void podSelectorAloneDoesNotSelectPodsOfOtherNamespaces() {
        Scenario s = cluster().apply("netpol/allow-friend.yaml");
        s.run("kubectl label pod visitor -n other role=friend");
        assertThat(s.run("kubectl exec -n other visitor -- curl -sS -m 3 http://server.default/hostname").exitCode())
                .isEqualTo(28);
    }

    @Test
    void namespaceSelectorAllowsPodsOfTheLabelledNamespace() {
        Scenario s = cluster().apply("netpol/deny.yaml").apply("netpol/allow-other-ns.yaml");
        assertThat(s.run("kubectl exec -n other visitor -- curl -sS -m 3 http://server.default/hostname").stdout())
                .isEqualTo("server");
        assertThat(curl(s, "stranger", "http://server/hostname").exitCode()).isEqualTo(28);
    }

    @Test
    void egressDenyBlocksDnsSoCurlCannotResolve() {
        Scenario s = cluster().apply("netpol/egress-deny.yaml");
        ShellResult r = s.run("kubectl exec stranger -- curl -sS http://server/hostname");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.stderr()).startsWith("curl: (6) Could not resolve host: server\n");
        assertThat(Scenario.stops(r)).anyMatch(h -> h.stage() == Hop.Stage.POLICY
                && h.decidedBy().contains(new ObjectRef("NetworkPolicy", "default", "egress-deny")));
    }

    @Test
    void egressDenyBlocksDnsAndCurlsOwnTimeoutFiresFirst() {
        Scenario s = cluster().apply("netpol/egress-deny.yaml");
        ShellResult r = curl(s, "stranger", "http://server/hostname");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr()).startsWith("curl: (28) Resolving timed out after 3000 milliseconds");
    }

    @Test
    void egressDenyLeavesOtherPodsAlone() {
        Scenario s = cluster().apply("netpol/egress-deny.yaml");
        assertThat(curl(s, "friend", "http://server/hostname").stdout()).isEqualTo("server");
    }

    private static String egressOnlyTo(String cidr) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: friend-egress
                spec:
                  podSelector:
                    matchLabels: {role: friend}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - ipBlock:
                        cidr: %s
                  - to:
                    - namespaceSelector: {}
                    ports:
                    - protocol: UDP
                      port: 53
                """.formatted(cidr);
    }

    @Test
    void policyIsEvaluatedAfterServiceDnatSoAnIpBlockOfThePodIpAllowsTheServiceIp() {
        Scenario s = cluster();
        s.file("egress.yaml", egressOnlyTo(s.podIp("server") + "/32"));
        s.out("kubectl apply -f egress.yaml");
        assertThat(curl(s, "friend", "http://server/hostname").stdout()).isEqualTo("server");
    }

    @Test
    void anIpBlockOfTheClusterIpDoesNotAllowTheServiceAfterDnat() {
        Scenario s = cluster();
        s.file("egress.yaml", egressOnlyTo(s.clusterIp("server") + "/32"));
        s.out("kubectl apply -f egress.yaml");
        ShellResult r = curl(s, "friend", "http://server/hostname");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(Scenario.stops(r)).singleElement().satisfies(h ->
                assertThat(h.decidedBy()).contains(new ObjectRef("NetworkPolicy", "default", "friend-egress")));
    }

    @Test
    void noNetworkPolicyProfileAcceptsPoliciesAndIgnoresThem() {
        Scenario s = Scenario.profile("no-network-policy").apply("netpol.yaml").apply("netpol/deny.yaml");
        assertThat(s.out("kubectl get networkpolicy")).contains("default-deny");
        assertThat(curl(s, "stranger", "http://server/hostname").stdout()).isEqualTo("server");
    }

    @Test
    void aPodCanAlwaysReachItself() {
        Scenario s = cluster().apply("netpol/deny.yaml");
        assertThat(s.out("kubectl exec server -- curl -s -m 3 http://" + s.podIp("server") + ":8080/hostname"))
                .isEqualTo("server");
    }

    @Test
    void nodePortTrafficFromTheWorkstationIsDeniedByAnIngressPolicy() {
        Scenario s = cluster().apply("netpol/deny.yaml");
        s.file("np.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: server-np
                spec:
                  type: NodePort
                  selector: {app: server}
                  ports:
                  - port: 80
                    targetPort: 8080
                    nodePort: 30080
                """);
        s.out("kubectl apply -f np.yaml");
        // Masqueraded to worker (another node than the pod's): the policy sees a foreign node and drops it.
        assertThat(s.run("curl -sS -m 3 http://172.18.0.3:30080/hostname").exitCode()).isEqualTo(28);
    }

    @Test
    void namespaceMetadataNameLabelLetsOnlyTheIngressControllerIn() {
        Scenario s = Scenario.fresh().apply("seed-web.yaml").apply("netpol/web-from-ingress-nginx.yaml");
        ShellResult viaIngress = s.run("curl -s -o /dev/null -w %{http_code} --resolve web.example.com:80:"
                + s.jsonpath("ingress web", "{.status.loadBalancer.ingress[0].ip}") + " http://web.example.com/");
        assertThat(viaIngress.stdout()).isEqualTo("200");
        assertThat(viaIngress.trace()).anyMatch(h -> h.stage() == Hop.Stage.POLICY && h.passed()
                && h.decidedBy().contains(new ObjectRef("NetworkPolicy", "default", "web-from-ingress")));
        assertThat(s.run("kubectl exec client -- curl -sS -m 2 http://web").exitCode()).isEqualTo(28);
    }
}
