package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pod networking (semantics §1) over {@code scenarios/pod-network.yaml}. */
class PodNetworkTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("pod-network.yaml");
    }

    @Test
    void podToPodByIpKeepsTheSourceIpAsWhoamiSeesIt() {
        String out = s.out("kubectl exec client -- curl -s http://" + s.podIp("whoami") + "/");
        assertThat(out).contains("RemoteAddr: " + s.podIp("client") + ":");
    }

    @Test
    void podToPodByIpKeepsTheSourceIpAsAgnhostSeesIt() {
        String out = s.out("kubectl exec client -- curl -s http://" + s.podIp("netexec") + ":8080/clientip");
        assertThat(out).startsWith(s.podIp("client") + ":");
    }

    @Test
    void podToPodAcrossNodesIsRoutedWithoutNat() {
        ShellResult r = s.run("kubectl exec client -- curl -s http://" + s.podIp("whoami") + "/");
        assertThat(r.trace()).noneMatch(h -> h.stage() == Hop.Stage.NAT);
        assertThat(r.trace()).anyMatch(h -> h.stage() == Hop.Stage.ROUTE && h.decision().contains("to node worker2"));
    }

    @Test
    void clusterIpTrafficFromAPodIsDnatedWithoutChangingTheSource() {
        String out = s.out("kubectl exec client -- curl -s http://whoami/");
        assertThat(out).contains("RemoteAddr: " + s.podIp("client") + ":");
    }

    @Test
    void containersOfAPodShareLocalhost() {
        String out = s.out("kubectl exec netexec -c sidecar -- wget -qO- http://localhost:8080/hostname");
        assertThat(out).isEqualTo("netexec");
    }

    @Test
    void everyPodHasItsOwnIpInItsNodesPodCidr() {
        String cidr = s.jsonpath("node worker2", "{.spec.podCIDR}");
        assertThat(cidr).isEqualTo("10.244.2.0/24");
        assertThat(s.podIp("whoami")).startsWith("10.244.2.").isNotEqualTo(s.podIp("netexec"));
        assertThat(s.podIp("netexec")).startsWith("10.244.2.");
        assertThat(s.podIp("client")).startsWith("10.244.1.");
    }

    @Test
    void workstationCannotReachAPodIpAndTimesOut() {
        ShellResult r = s.run("curl -sS -m 3 http://" + s.podIp("whoami") + "/");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr()).isEqualTo("curl: (28) Connection timed out after 3000 milliseconds\n");
        assertThat(Scenario.stops(r)).singleElement().extracting(Hop::verdict).isEqualTo(Hop.Verdict.DROPPED);
    }

    @Test
    void workstationCannotReachAServiceIpAndTimesOut() {
        ShellResult r = s.run("curl -sS -m 3 http://" + s.clusterIp("whoami") + "/");
        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr()).isEqualTo("curl: (28) Connection timed out after 3000 milliseconds\n");
    }

    @Test
    void aReplacedPodGetsANewIpAndTheOldIpLeadsNowhere() {
        String oldPod = s.jsonpath("pods -l app=replaced", "{.items[0].metadata.name}");
        String oldIp = s.podIp(oldPod);
        s.out("kubectl delete pod " + oldPod);
        String newPod = s.jsonpath("pods -l app=replaced", "{.items[0].metadata.name}");
        assertThat(newPod).isNotEqualTo(oldPod).startsWith("replaced-");
        assertThat(s.podIp(newPod)).isNotEqualTo(oldIp);
        ShellResult r = s.run("kubectl exec client -- curl -sS -m 2 http://" + oldIp + "/");
        assertThat(r.exitCode()).isEqualTo(28);
    }
}
