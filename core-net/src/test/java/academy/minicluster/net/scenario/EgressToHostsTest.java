package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.Test;

/**
 * Egress NetworkPolicy on connections that kube-proxy rewrites or that leave for a host: the CNI judges egress at
 * the pod, on the destination it sees there. Through a NodePort or load-balancer IP on the pod's own node that is
 * the chosen endpoint (DNAT comes first, SNAT after the check); to another node's address it is that address, which
 * only an {@code ipBlock} can allow.
 */
class EgressToHostsTest {

    private static final String DENY_EGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny-egress
            spec:
              podSelector: {}
              policyTypes: [Egress]
            """;

    private static final String ALLOW_NODES = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-nodes
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to:
                - ipBlock:
                    cidr: 172.18.0.0/16
            """;

    private static Scenario denied() {
        Scenario s = Scenario.fresh().apply("seed-web.yaml").file("deny.yaml", DENY_EGRESS);
        assertThat(s.run("kubectl apply -f deny.yaml").exitCode()).isZero();
        return s;
    }

    private static String clientNodeIp(Scenario s) {
        return s.jsonpath("pod/client", "{.status.hostIP}");
    }

    @Test
    void anotherNodesAddressIsJudgedAsThatAddress() {
        Scenario s = denied();
        String other = clientNodeIp(s).equals("172.18.0.4") ? "172.18.0.3" : "172.18.0.4";

        ShellResult r = s.run("kubectl exec client -- curl -s -m 2 http://" + other + ":30080/");

        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(Scenario.trace(r)).contains("egress from default/client to node", "(" + other + ")",
                "denied: isolated by NetworkPolicy default/deny-egress");
    }

    @Test
    void theOwnNodesNodePortIsJudgedOnTheChosenEndpoint() {
        Scenario s = denied();

        ShellResult r = s.run("kubectl exec client -- curl -s -m 2 http://" + clientNodeIp(s) + ":30080/");

        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(Scenario.trace(r)).contains("egress from default/client to default/web-",
                "denied: isolated by NetworkPolicy default/deny-egress");
    }

    @Test
    void anIpBlockOfTheNodeNetworkLetsTheNodePortThrough() {
        Scenario s = denied().file("allow.yaml", ALLOW_NODES);
        s.run("kubectl apply -f allow.yaml");
        String other = clientNodeIp(s).equals("172.18.0.4") ? "172.18.0.3" : "172.18.0.4";

        ShellResult r = s.run("kubectl exec client -- curl -s -m 2 http://" + other + ":30080/");

        assertThat(r.exitCode()).as(Scenario.trace(r)).isZero();
        assertThat(Scenario.trace(r)).contains("egress from default/client to node", "allowed");
    }

    @Test
    void withoutAnEgressPolicyTheNodePortAnswers() {
        Scenario s = Scenario.fresh().apply("seed-web.yaml");

        assertThat(s.run("kubectl exec client -- curl -s -m 2 http://172.18.0.4:30080/").exitCode()).isZero();
        assertThat(s.run("kubectl exec client -- curl -s -m 2 http://172.18.0.3:30080/").exitCode()).isZero();
    }
}
