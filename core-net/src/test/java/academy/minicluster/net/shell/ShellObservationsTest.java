package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.Observation;
import academy.minicluster.net.probe.Observation.Connect;
import academy.minicluster.net.probe.Observation.DnsAnswer;
import academy.minicluster.net.probe.Observation.HttpExchange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command's {@link ShellResult#observations()}: the DNS answers, connections and HTTP exchanges its tools saw, the
 * values its output is printed from, so a grader never reads the text.
 */
class ShellObservationsTest {

    private final Shell shell = KubectlFixture.webApp();

    private static <T extends Observation> List<T> of(ShellResult r, Class<T> type) {
        return r.observations().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void curlThroughAServiceSeesTheNameTheConnectionAndTheExchangeWithTheServingPod() {
        ShellResult r = shell.execute("kubectl exec client -- curl -s http://web/");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        DnsAnswer dns = of(r, DnsAnswer.class).get(0);
        assertThat(dns.name()).isEqualTo("web.default.svc.cluster.local.");
        assertThat(dns.answer()).isEqualTo(DnsAnswer.Answer.NOERROR);
        assertThat(of(r, Connect.class)).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(80);
            assertThat(c.outcome()).isEqualTo(Connection.Outcome.ESTABLISHED);
        });
        HttpExchange http = of(r, HttpExchange.class).get(0);
        assertThat(http.status()).isEqualTo(200);
        assertThat(http.response().orElseThrow().body()).isEqualTo(r.stdout());
        assertThat(http.servedBy().orElseThrow().name()).startsWith("web-");
        assertThat(r.stdout()).contains("Hostname: " + http.servedBy().orElseThrow().name());
    }

    @Test
    void aRefusedConnectionIsObservedWithItsOutcomeAndNoExchange() {
        ShellResult r = shell.execute("kubectl exec client -- curl -sS http://web:81/");

        assertThat(r.exitCode()).isNotZero();
        assertThat(of(r, Connect.class)).isNotEmpty().allSatisfy(c ->
                assertThat(c.outcome()).isNotEqualTo(Connection.Outcome.ESTABLISHED));
        assertThat(of(r, HttpExchange.class)).isEmpty();
    }

    @Test
    void anUnknownNameIsObservedAsNxdomain() {
        ShellResult r = shell.execute("kubectl exec client -- nslookup nothing-here");

        assertThat(of(r, DnsAnswer.class)).isNotEmpty().allSatisfy(d ->
                assertThat(d.answer()).isEqualTo(DnsAnswer.Answer.NXDOMAIN));
    }

    @Test
    void aPipelineKeepsTheObservationsOfItsProbes() {
        ShellResult r = shell.execute("curl -s -H 'Host: web.example.com' http://172.18.255.200/ | grep Hostname");

        HttpExchange http = of(r, HttpExchange.class).get(0);
        assertThat(http.status()).isEqualTo(200);
        assertThat(r.stdout()).contains(http.servedBy().orElseThrow().name());
    }

    @Test
    void kubectlItselfObservesNothing() {
        assertThat(shell.execute("kubectl get pods").observations()).isEmpty();
    }
}
