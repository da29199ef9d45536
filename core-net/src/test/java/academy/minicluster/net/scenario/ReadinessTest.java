package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness and publishNotReadyAddresses (semantics §2.3) over {@code scenarios/readiness.yaml}. */
class ReadinessTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("readiness.yaml").advance(30);
    }

    @Test
    void podWithFailingReadinessProbeShowsZeroOfOneReady() {
        String line = s.out("kubectl get pods unready").lines().skip(1).findFirst().orElseThrow();
        assertThat(line).containsPattern("^unready\\s+0/1\\s+Running\\s+0\\s");
    }

    @Test
    void eventsShowTheReadinessProbeFailure() {
        assertThat(s.out("kubectl get events")).contains("Warning").contains("Unhealthy")
                .contains("Readiness probe failed: Get \"http://" + s.podIp("unready")
                        + ":9999/healthz\": dial tcp " + s.podIp("unready") + ":9999: connect: connection refused");
    }

    @Test
    void describeShowsTheReadinessProbeAndReadyFalse() {
        String out = s.out("kubectl describe pod unready");
        assertThat(out).contains("Readiness:      http-get http://:9999/healthz").containsPattern("Ready:\\s+False");
    }

    @Test
    void unreadyPodIsNotAServiceEndpoint() {
        assertThat(s.out("kubectl get endpointslices -l kubernetes.io/service-name=unready -o jsonpath="
                + "{.items[0].endpoints[0].conditions.ready}")).isEqualTo("false");
        ShellResult r = s.run("kubectl exec client -- curl -sS http://unready");
        assertThat(r.exitCode()).isEqualTo(7);
    }

    @Test
    void unreadyPodIsNotInHeadlessDns() {
        ShellResult r = s.run("kubectl exec client -- dig unready-headless.default.svc.cluster.local");
        assertThat(r.stdout()).contains("status: NXDOMAIN");
    }

    @Test
    void publishNotReadyAddressesPublishesTheUnreadyPodInDns() {
        assertThat(s.out("kubectl exec client -- dig +short unready-published.default.svc.cluster.local"))
                .isEqualTo(s.podIp("unready") + "\n");
    }

    @Test
    void publishNotReadyAddressesMakesTheUnreadyPodAnEndpoint() {
        assertThat(s.out("kubectl exec client -- curl -s http://unready-published-vip/hostname")).isEqualTo("unready");
    }

    @Test
    void podBecomesAnEndpointOnceItsProbeSucceeds() {
        s.file("fixed.yaml", Scenario.fixture("readiness.yaml").replace("port: 9999", "port: 8080"));
        s.run("kubectl delete pod unready");
        s.out("kubectl apply -f fixed.yaml");
        s.advance(10);
        assertThat(s.out("kubectl get pods unready")).contains("1/1");
        assertThat(s.out("kubectl exec client -- curl -s http://unready/hostname")).isEqualTo("unready");
    }
}
