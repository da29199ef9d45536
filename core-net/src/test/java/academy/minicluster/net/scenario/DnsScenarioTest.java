package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cluster DNS as a pod sees it (semantics §4) over {@code scenarios/dns.yaml}. */
class DnsScenarioTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("dns.yaml");
    }

    private ShellResult inTest(String command) {
        return s.run("kubectl exec -n test client -- " + command);
    }

    @Test
    void resolvConfHasTheNamespaceSearchListAndNdots5() {
        assertThat(inTest("cat /etc/resolv.conf").stdout()).isEqualTo("""
                search test.svc.cluster.local svc.cluster.local cluster.local
                nameserver 10.96.0.10
                options ndots:5
                """);
    }

    @Test
    void shortNameOfAServiceInAnotherNamespaceDoesNotResolve() {
        ShellResult r = inTest("curl -sS http://api/hostname");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.stderr()).startsWith("curl: (6) Could not resolve host: api\n");
    }

    @Test
    void serviceDotNamespaceResolvesThroughTheSearchList() {
        ShellResult r = inTest("curl -sS http://api.prod/hostname");
        assertThat(r.stdout()).isEqualTo("db-0");
        assertThat(Scenario.trace(r)).contains("api.prod.test.svc.cluster.local.").contains("api.prod.svc.cluster.local.");
    }

    @Test
    void nslookupOfAShortNameFromAnotherNamespaceIsNxdomain() {
        ShellResult r = inTest("nslookup api");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("** server can't find api: NXDOMAIN");
    }

    @Test
    void srvRecordExistsForEachNamedPort() {
        assertThat(inTest("dig +short SRV _http._tcp.api.prod.svc.cluster.local").stdout())
                .isEqualTo("0 100 80 api.prod.svc.cluster.local.\n");
        assertThat(inTest("dig +short SRV _metrics._tcp.api.prod.svc.cluster.local").stdout())
                .isEqualTo("0 100 9090 api.prod.svc.cluster.local.\n");
    }

    @Test
    void unnamedPortHasNoSrvRecord() {
        assertThat(inTest("dig SRV _http._tcp.plain.prod.svc.cluster.local").stdout())
                .contains("status: NXDOMAIN").contains("ANSWER: 0");
    }

    @Test
    void existingNameWithoutThatRecordTypeIsNodata() {
        String out = inTest("dig AAAA api.prod.svc.cluster.local").stdout();
        assertThat(out).contains("status: NOERROR").contains("ANSWER: 0, AUTHORITY: 1");
    }

    @Test
    void unknownServiceIsNxdomain() {
        assertThat(inTest("dig nope.prod.svc.cluster.local").stdout()).contains("status: NXDOMAIN");
    }

    @Test
    void namespaceNameItselfIsNodata() {
        assertThat(inTest("dig prod.svc.cluster.local").stdout()).contains("status: NOERROR").contains("ANSWER: 0");
    }

    @Test
    void unknownNamespaceIsNxdomain() {
        assertThat(inTest("dig api.nowhere.svc.cluster.local").stdout()).contains("status: NXDOMAIN");
    }

    @Test
    void clusterIpServiceHasAnARecordWithItsClusterIp() {
        String ip = s.out("kubectl get svc api -n prod -o jsonpath={.spec.clusterIP}");
        assertThat(inTest("dig +short api.prod.svc.cluster.local").stdout()).isEqualTo(ip + "\n");
    }

    @Test
    void podARecordIsTheDashedIp() {
        String ip = s.podIp("data", "prod");
        assertThat(inTest("dig +short " + ip.replace('.', '-') + ".prod.pod.cluster.local").stdout())
                .isEqualTo(ip + "\n");
    }

    @Test
    void hostnameAndSubdomainUnderAHeadlessServiceResolveToThePod() {
        assertThat(inTest("dig +short db-0.data.prod.svc.cluster.local").stdout())
                .isEqualTo(s.podIp("data", "prod") + "\n");
    }

    @Test
    void hostnameWithoutTheHeadlessServiceDoesNotResolve() {
        s.out("kubectl delete svc data -n prod");
        assertThat(inTest("dig db-0.data.prod.svc.cluster.local").stdout()).contains("status: NXDOMAIN");
    }

    @Test
    void dnsVersionRecordIsPublished() {
        assertThat(inTest("dig +short TXT dns-version.cluster.local").stdout()).isEqualTo("\"1.1.0\"\n");
    }

    @Test
    void namesAreCaseInsensitive() {
        String ip = s.out("kubectl get svc api -n prod -o jsonpath={.spec.clusterIP}");
        assertThat(inTest("dig +short API.Prod.SVC.cluster.local").stdout()).isEqualTo(ip + "\n");
    }

    @Test
    void digAtAServerNameLooksTheServerUpFirst() {
        String ip = s.out("kubectl get svc api -n prod -o jsonpath={.spec.clusterIP}");
        assertThat(inTest("dig +short @kube-dns.kube-system.svc.cluster.local api.prod.svc.cluster.local").stdout())
                .isEqualTo(ip + "\n");
    }

    @Test
    void digAtAServerNameThatDoesNotResolveExitsWith10() {
        ShellResult r = inTest("dig @nowhere api.prod.svc.cluster.local");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderr()).startsWith("dig: couldn't get address for 'nowhere': not found\n");
    }
}
