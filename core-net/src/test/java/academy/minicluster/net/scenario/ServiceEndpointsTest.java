package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.api.ObjectRef;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which endpoints a Service has and what a client sees when there are none or the port is wrong (§2.2–2.6, §3). */
class ServiceEndpointsTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("services.yaml");
    }

    @Test
    void serviceWithoutEndpointsRefusesTheConnection() {
        ShellResult r = s.run("kubectl exec client -- curl -sS http://empty");
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stderr()).startsWith("curl: (7) Failed to connect to empty port 80 after ")
                .contains("Couldn't connect to server")
                .endsWith("command terminated with exit code 7\n");
        Hop stop = Scenario.stops(r).get(0);
        assertThat(stop.verdict()).isEqualTo(Hop.Verdict.REFUSED);
        assertThat(stop.decidedBy()).contains(new ObjectRef("Service", "default", "empty"));
        assertThat(stop.decision()).contains("has no endpoints");
    }

    @Test
    void wrongTargetPortIsRefusedByThePodAndTheHopNamesIt() {
        ShellResult r = s.run("kubectl exec client -- curl -sS http://wrong-port");
        assertThat(r.exitCode()).isEqualTo(7);
        Hop stop = Scenario.stops(r).get(0);
        assertThat(stop.stage()).isEqualTo(Hop.Stage.CONTAINER);
        assertThat(stop.verdict()).isEqualTo(Hop.Verdict.REFUSED);
        assertThat(stop.decision()).contains(":9999");
        assertThat(stop.decidedBy()).singleElement().satisfies(ref -> {
            assertThat(ref.kind()).isEqualTo("Pod");
            assertThat(ref.name()).isIn("web-a", "web-b");
        });
    }

    @Test
    void namedTargetPortIsResolvedPerPod() {
        String slices = s.out("kubectl get endpointslices -l kubernetes.io/service-name=multi");
        assertThat(slices).contains("8080").contains("9090");
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            ShellResult r = s.run("kubectl exec client -- curl -s http://multi/hostname");
            assertThat(r.exitCode()).isZero();
            seen.add(r.stdout());
        }
        assertThat(seen).containsExactly("web-a", "web-b");
    }

    @Test
    void relabellingAPodTakesItOutOfTheServicesEndpointsAndBackIn() {
        String ipB = s.podIp("web-b");
        assertThat(s.out("kubectl get endpoints multi")).contains(ipB);
        s.run("kubectl label pod web-b app=other --overwrite");
        assertThat(s.out("kubectl get endpoints multi")).doesNotContain(ipB);
        assertThat(s.out("kubectl get endpointslices -l kubernetes.io/service-name=multi -o yaml")).doesNotContain(ipB);
        s.run("kubectl label pod web-b app=multi --overwrite");
        assertThat(s.out("kubectl get endpoints multi")).contains(ipB);
    }

    @Test
    void aDeletedManagedSliceIsMadeAgain() {
        String name = s.out("kubectl get endpointslices -l kubernetes.io/service-name=multi -o name").strip();
        assertThat(name).startsWith("endpointslice.discovery.k8s.io/multi-");
        ShellResult deleted = s.run("kubectl delete " + name.replace('\n', ' '));
        assertThat(deleted.exitCode()).isZero();
        String again = s.out("kubectl get endpointslices -l kubernetes.io/service-name=multi -o name").strip();
        assertThat(again).startsWith("endpointslice.discovery.k8s.io/multi-").isNotEqualTo(name);
        assertThat(s.out("kubectl get endpoints multi")).contains(s.podIp("web-a")).contains(s.podIp("web-b"));
    }

    @Test
    void namedTargetPortSendsEachPodToItsOwnNumber() {
        String ipB = s.podIp("web-b");
        for (int i = 0; i < 10; i++) {
            ShellResult r = s.run("kubectl exec client -- curl -s http://multi/hostname");
            String expected = r.stdout().equals("web-b") ? ipB + ":9090" : s.podIp("web-a") + ":8080";
            assertThat(Scenario.trace(r)).contains("endpoint " + expected);
        }
    }

    @Test
    void selectorlessServiceUsesTheUsersEndpointSlice() {
        String ip = s.podIp("web-a");
        s.file("manual.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: manual
                spec:
                  ports:
                  - name: http
                    port: 80
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: manual-1
                  labels:
                    kubernetes.io/service-name: manual
                addressType: IPv4
                ports:
                - name: http
                  port: 8080
                endpoints:
                - addresses: ["%s"]
                """.formatted(ip));
        s.out("kubectl apply -f manual.yaml");
        assertThat(s.out("kubectl get endpointslices -l kubernetes.io/service-name=manual"))
                .contains("manual-1").hasLineCount(2);
        assertThat(s.out("kubectl exec client -- curl -s http://manual/hostname")).isEqualTo("web-a");
    }

    @Test
    void selectorlessServiceWhoseSlicePortNameDiffersHasNoEndpoints() {
        String ip = s.podIp("web-a");
        s.file("manual.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: manual
                spec:
                  ports:
                  - name: http
                    port: 80
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: manual-1
                  labels:
                    kubernetes.io/service-name: manual
                addressType: IPv4
                ports:
                - name: other
                  port: 8080
                endpoints:
                - addresses: ["%s"]
                """.formatted(ip));
        s.out("kubectl apply -f manual.yaml");
        assertThat(s.run("kubectl exec client -- curl -s http://manual/hostname").exitCode()).isEqualTo(7);
    }

    @Test
    void headlessServiceResolvesToOneARecordPerReadyEndpoint() {
        String out = s.out("kubectl exec client -- dig +short multi-headless.default.svc.cluster.local");
        assertThat(out.lines()).containsExactlyInAnyOrder(s.podIp("web-a"), s.podIp("web-b"));
    }

    @Test
    void headlessServiceWithoutReadyEndpointsIsNxdomain() {
        String out = s.out("kubectl exec client -- dig nobody-headless.default.svc.cluster.local");
        assertThat(out).contains("status: NXDOMAIN").contains("ANSWER: 0");
    }

    @Test
    void headlessServiceHasNoClusterIp() {
        assertThat(s.out("kubectl get svc multi-headless")).contains("None");
        ShellResult r = s.run("kubectl exec client -- curl -s http://multi-headless/hostname");
        assertThat(r.exitCode()).as("port 80 is not where the pods listen: no DNAT without a ClusterIP").isEqualTo(7);
    }

    @Test
    void externalNameIsACname() {
        String out = s.out("kubectl exec client -- dig example.default.svc.cluster.local");
        assertThat(out).containsPattern("example\\.default\\.svc\\.cluster\\.local\\.\\s+\\d+\\s+IN\\s+CNAME\\s+example\\.com\\.");
        assertThat(s.out("kubectl get svc example")).contains("ExternalName").contains("example.com");
    }

    @Test
    void externalNameIsFollowedToTheExternalHostWithoutProxying() {
        String ip = s.out("kubectl exec client -- dig +short example.com");
        ShellResult r = s.run("kubectl exec client -- curl -sv http://example");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("> Host: example\n");
        assertThat(r.trace()).noneMatch(h -> h.stage() == Hop.Stage.SERVICE
                && h.decidedBy().contains(new ObjectRef("Service", "default", "example")));
        assertThat(Scenario.trace(r)).contains("connects to " + ip.strip() + ":80/TCP");
    }

    @Test
    void hairpinTrafficReachesThePodItselfFromItsNodeBridge() {
        // "echo" alone would resolve to the pod itself through its /etc/hosts; the namespace-qualified name does not.
        String out = s.out("kubectl exec echo -- curl -s http://echo.default/clientip");
        assertThat(out).startsWith("10.244.2.1:");
        ShellResult r = s.run("kubectl exec echo -- curl -s http://echo.default/clientip");
        assertThat(r.trace()).anyMatch(h -> h.stage() == Hop.Stage.NAT && h.decision().startsWith("hairpin"));
    }

    @Test
    void podNameResolvesToThePodItselfThroughEtcHosts() {
        ShellResult r = s.run("kubectl exec echo -- curl -s http://echo:8080/hostname");
        assertThat(r.stdout()).isEqualTo("echo");
        assertThat(r.trace()).noneMatch(h -> h.stage() == Hop.Stage.SERVICE);
    }

    @Test
    void clusterIpOnAPortTheServiceDoesNotDefineTimesOut() {
        ShellResult r = s.run("kubectl exec client -- curl -sS -m 2 http://echo:8080/");
        assertThat(r.exitCode()).isEqualTo(28);
    }
}
