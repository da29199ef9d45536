package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed article's example ({@code scenarios/seed-web.yaml}): Deployment web (3 whoami replicas) behind Service
 * web, exposed by a NodePort, a LoadBalancer and an Ingress, reached from a pod, a node and the workstation.
 */
class SeedScenarioTest {

    private Scenario s;

    @BeforeEach
    void applySeed() {
        s = Scenario.fresh().apply("seed-web.yaml");
    }

    private Set<String> replicas() {
        return new TreeSet<>(Arrays.asList(s.jsonpath("pods -l app=web", "{.items[*].metadata.name}").split(" ")));
    }

    private static String hostname(String whoamiOutput) {
        return whoamiOutput.lines().filter(l -> l.startsWith("Hostname: ")).findFirst().orElseThrow()
                .substring("Hostname: ".length());
    }

    @Test
    void deploymentRunsThreeReadyReplicas() {
        String pods = s.out("kubectl get pods -l app=web");
        assertThat(pods.lines().skip(1)).hasSize(3).allMatch(l -> l.contains("1/1") && l.contains("Running"));
    }

    @Test
    void podReachesTheServiceByItsShortName() {
        String out = s.out("kubectl exec client -- curl -s http://web");
        assertThat(replicas()).contains(hostname(out));
    }

    @Test
    void severalCurlsFromAPodReachEveryReplica() {
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            seen.add(hostname(s.out("kubectl exec client -- curl -s http://web")));
        }
        assertThat(seen).isEqualTo(replicas());
    }

    @Test
    void traceNamesTheServiceTheEndpointAndThePod() {
        ShellResult r = s.run("kubectl exec client -- curl -s http://web");
        String pod = hostname(r.stdout());
        Hop dnat = r.trace().stream().filter(h -> h.stage() == Hop.Stage.SERVICE
                && h.decidedBy().contains(new ObjectRef("Service", "default", "web"))).findFirst().orElseThrow();
        assertThat(dnat.decision()).contains("Service default/web").contains("endpoint " + s.podIp(pod) + ":80")
                .contains("pod " + pod);
        assertThat(r.trace()).anyMatch(h -> h.stage() == Hop.Stage.CONTAINER
                && h.decidedBy().contains(new ObjectRef("Pod", "default", pod)));
    }

    @Test
    void nodeReachesTheClusterIpFromADebugPod() {
        String ip = s.clusterIp("web");
        ShellResult r = s.run("kubectl debug node/worker -it --image=busybox -- wget -qO- http://" + ip);
        assertThat(r.exitCode()).as(Scenario.trace(r)).isZero();
        assertThat(replicas()).contains(hostname(r.stdout()));
    }

    @Test
    void nodeDoesNotResolveServiceNamesBecauseItUsesTheNodesResolvConf() {
        ShellResult r = s.run("kubectl debug node/worker -it --image=busybox -- wget -qO- http://web.default.svc.cluster.local");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("wget: bad address 'web.default.svc.cluster.local'");
    }

    @Test
    void workstationReachesTheNodePortOnEveryNode() {
        for (String nodeIp : s.jsonpath("nodes", "{.items[*].status.addresses[0].address}").split(" ")) {
            String out = s.out("curl -s http://" + nodeIp + ":30080/");
            assertThat(replicas()).contains(hostname(out));
        }
    }

    @Test
    void nodePortTrafficIsMasqueradedToTheReceivingNode() {
        String out = s.out("curl -s http://172.18.0.3:30080/");
        assertThat(out).contains("RemoteAddr: 172.18.0.3:");
    }

    @Test
    void severalCurlsFromTheWorkstationReachEveryReplica() {
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            seen.add(hostname(s.out("curl -s http://172.18.0.3:30080/")));
        }
        assertThat(seen).isEqualTo(replicas());
    }

    @Test
    void loadBalancerGetsAnIpFromThePoolAndAnswers() {
        String lb = s.jsonpath("svc web-lb", "{.status.loadBalancer.ingress[0].ip}");
        assertThat(lb).startsWith("172.18.255.");
        assertThat(replicas()).contains(hostname(s.out("curl -s http://" + lb + "/")));
    }

    @Test
    void ingressGetsTheControllersAddressAndRoutesByHost() {
        String address = s.jsonpath("ingress web", "{.status.loadBalancer.ingress[0].ip}");
        assertThat(s.out("kubectl get ingress web")).contains(address);
        ShellResult r = s.run("curl -s --resolve web.example.com:80:" + address + " http://web.example.com/");
        assertThat(r.exitCode()).isZero();
        assertThat(replicas()).contains(hostname(r.stdout()));
        assertThat(r.stdout()).contains("X-Forwarded-For: 172.18.0.1");
        assertThat(r.trace()).anyMatch(h -> h.stage() == Hop.Stage.INGRESS
                && h.decidedBy().contains(new ObjectRef("Ingress", "default", "web")));
    }

    @Test
    void ingressWithAnotherHostAnswersTheControllers404() {
        String address = s.jsonpath("ingress web", "{.status.loadBalancer.ingress[0].ip}");
        ShellResult r = s.run("curl -s -o /dev/null -w %{http_code} http://" + address + "/");
        assertThat(r.stdout()).isEqualTo("404");
    }

    @Test
    void workstationCannotReachTheClusterIp() {
        ShellResult r = s.run("curl -sS -m 2 http://" + s.clusterIp("web") + "/");
        assertThat(r.exitCode()).isEqualTo(28);
    }
}
