package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * externalTrafficPolicy and internalTrafficPolicy (semantics §2.9–2.10) over {@code scenarios/services.yaml}: the one
 * echo pod runs on worker2 (172.18.0.4); worker (172.18.0.3) has no local endpoint.
 */
class TrafficPolicyTest {

    private static final String WORKER = "172.18.0.3";
    private static final String WORKER2 = "172.18.0.4";

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("services.yaml");
    }

    @Test
    void externalTrafficPolicyClusterMasqueradesTheClientToTheNode() {
        assertThat(s.out("curl -s http://" + WORKER + ":30001/clientip")).startsWith(WORKER + ":");
    }

    @Test
    void externalTrafficPolicyClusterForwardsFromANodeWithoutLocalEndpoint() {
        ShellResult r = s.run("curl -s http://" + WORKER + ":30001/hostname");
        assertThat(r.stdout()).isEqualTo("echo");
        assertThat(r.trace()).anyMatch(h -> h.stage() == Hop.Stage.NAT && h.decision().startsWith("SNAT"));
    }

    @Test
    void externalTrafficPolicyLocalKeepsTheClientIp() {
        assertThat(s.out("curl -s http://" + WORKER2 + ":30002/clientip")).startsWith("172.18.0.1:");
    }

    @Test
    void externalTrafficPolicyLocalOnANodeWithoutLocalEndpointTimesOut() {
        ShellResult r = s.run("curl -sS -m 3 http://" + WORKER + ":30002/clientip");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(Scenario.stops(r)).singleElement().satisfies(h -> {
            assertThat(h.verdict()).isEqualTo(Hop.Verdict.DROPPED);
            assertThat(h.decision()).contains("externalTrafficPolicy");
        });
    }

    @Test
    void externalTrafficPolicyLocalLoadBalancerIpKeepsTheClientIp() {
        String lb = s.jsonpath("svc echo-local", "{.status.loadBalancer.ingress[0].ip}");
        assertThat(s.out("curl -s http://" + lb + "/clientip")).startsWith("172.18.0.1:");
    }

    @Test
    void healthCheckNodePortAnswers200WhereAnEndpointIsLocal() {
        String port = s.jsonpath("svc echo-local", "{.spec.healthCheckNodePort}");
        ShellResult r = s.run("curl -s -o /dev/null -w %{http_code} http://" + WORKER2 + ":" + port + "/");
        assertThat(r.stdout()).isEqualTo("200");
    }

    @Test
    void healthCheckNodePortAnswers503WhereNoEndpointIsLocal() {
        String port = s.jsonpath("svc echo-local", "{.spec.healthCheckNodePort}");
        ShellResult r = s.run("curl -s -o /dev/null -w %{http_code} http://" + WORKER + ":" + port + "/");
        assertThat(r.stdout()).isEqualTo("503");
    }

    @Test
    void podTrafficToALocalPolicyNodePortUsesEveryEndpoint() {
        assertThat(s.out("kubectl exec client -- curl -s http://" + WORKER + ":30002/clientip"))
                .startsWith(s.podIp("client") + ":");
    }

    @Test
    void internalTrafficPolicyLocalWithoutLocalEndpointTimesOut() {
        ShellResult r = s.run("kubectl exec client -- curl -sS -m 3 http://echo-itp/");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(Scenario.stops(r)).last().satisfies(h -> assertThat(h.decision()).contains("internalTrafficPolicy"));
    }

    @Test
    void internalTrafficPolicyLocalWithALocalEndpointAnswers() {
        // The pool's pods are spread over the workers; one of them, on worker2 with echo, is local to echo.
        assertThat(s.out("kubectl exec echo -- curl -s http://echo-itp/hostname")).isEqualTo("echo");
    }
}
