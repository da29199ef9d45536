package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.probe.Observation;
import academy.minicluster.net.probe.Observation.Connect;
import academy.minicluster.net.probe.Observation.DnsAnswer;
import academy.minicluster.net.probe.Observation.HttpExchange;
import academy.minicluster.net.trace.Hop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each observation carries the hops behind it (issue 16 step 6): the DNS answer its question's path and CoreDNS's
 * decisions, the connection its path to the server, the HTTP exchange what the server added; together they are the
 * command's trace.
 */
class ObservationHopsTest {

    private final Shell shell = KubectlFixture.webApp();

    private static <T extends Observation> List<T> of(ShellResult r, Class<T> type) {
        return r.observations().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static boolean anyAt(List<Hop> hops, Hop.Stage stage) {
        return hops.stream().anyMatch(h -> h.stage() == stage);
    }

    @Test
    void theDnsAnswerCarriesCoreDnsDecisionNamingTheService() {
        ShellResult r = shell.execute("kubectl exec client -- curl -s http://web/");

        DnsAnswer dns = of(r, DnsAnswer.class).get(0);
        assertThat(dns.hops()).isNotEmpty();
        assertThat(dns.hops()).anySatisfy(h -> {
            assertThat(h.stage()).isEqualTo(Hop.Stage.DNS);
            assertThat(h.decidedBy()).anySatisfy(ref -> assertThat(ref.kind()).isEqualTo("Service"));
        });
    }

    @Test
    void throughTheIngressTheConnectionReachesIngressNginxAndTheExchangeCarriesItsRoute() {
        ShellResult r = shell.execute("curl -s -H 'Host: web.example.com' http://172.18.255.200/");

        Connect connect = of(r, Connect.class).get(0);
        assertThat(connect.hops()).isNotEmpty();
        assertThat(anyAt(connect.hops(), Hop.Stage.INGRESS)).isFalse();
        HttpExchange http = of(r, HttpExchange.class).get(0);
        assertThat(anyAt(http.hops(), Hop.Stage.INGRESS)).isTrue();
        assertThat(anyAt(http.hops(), Hop.Stage.CONTAINER)).isTrue();
        assertThat(http.servedBy()).isPresent();
    }

    @Test
    void theObservationsHopsAreTheCommandsTraceInOrder() {
        ShellResult r = shell.execute("kubectl exec client -- curl -s http://web/");

        List<Hop> joined = new java.util.ArrayList<>();
        for (Observation o : r.observations()) {
            if (o instanceof DnsAnswer d) {
                joined.addAll(d.hops());
            } else if (o instanceof Connect c) {
                joined.addAll(c.hops());
            } else if (o instanceof HttpExchange h) {
                joined.addAll(h.hops());
            }
        }
        assertThat(joined).isNotEmpty();
        assertThat(r.trace()).containsSubsequence(joined);
    }
}
