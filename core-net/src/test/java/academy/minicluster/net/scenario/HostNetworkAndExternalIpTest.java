package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hostNetwork pods (semantics §1) and externalIPs (§2.13) over {@code scenarios/host-network.yaml}. */
class HostNetworkAndExternalIpTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("host-network.yaml");
    }

    @Test
    void hostNetworkPodHasItsNodesIp() {
        assertThat(s.podIp("hostnet")).isEqualTo("172.18.0.3");
    }

    @Test
    void hostNetworkPodListensOnTheNodeAddress() {
        assertThat(s.out("curl -s http://172.18.0.3:8085/clientip")).startsWith("172.18.0.1:");
    }

    @Test
    void hostNetworkPodWithClusterFirstFallsBackToTheNodesResolvConf() {
        assertThat(s.out("kubectl exec hostnet -- cat /etc/resolv.conf")).doesNotContain("10.96.0.10")
                .doesNotContain("svc.cluster.local");
    }

    @Test
    void externalIpIsServedByKubeProxyForPods() {
        assertThat(s.out("kubectl exec client -- curl -s http://172.18.0.50/hostname")).isEqualTo("worker");
    }

    @Test
    void externalIpTraceSaysExternalIpNotLoadBalancer() {
        ShellResult r = s.run("kubectl exec client -- curl -s http://172.18.0.50/hostname");
        assertThat(Scenario.trace(r)).contains("(externalIP 172.18.0.50)").doesNotContain("load-balancer IP");
    }

    @Test
    void externalIpIsNotAnnouncedOnTheKindNetwork() {
        ShellResult r = s.run("curl -sS -m 3 http://172.18.0.50/hostname");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.trace()).noneMatch(h -> h.decision().contains("MetalLB"));
        assertThat(Scenario.stops(r)).singleElement().extracting(Hop::stage).isEqualTo(Hop.Stage.ROUTE);
    }
}
