package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** How kube-proxy picks an endpoint (semantics §2.12, §3): random, IPVS round-robin, ClientIP affinity. */
class EndpointChoiceTest {

    private static List<String> hostnames(Scenario s, String service, int times) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            seen.add(s.out("kubectl exec client -- curl -s http://" + service + "/hostname"));
        }
        return seen;
    }

    private static Set<String> pool(Scenario s) {
        return new TreeSet<>(List.of(s.jsonpath("pods -l app=pool", "{.items[*].metadata.name}").split(" ")));
    }

    @Test
    void iptablesModeReachesEveryEndpoint() {
        Scenario s = Scenario.fresh().apply("services.yaml");
        assertThat(new TreeSet<>(hostnames(s, "pool", 30))).isEqualTo(pool(s));
    }

    @Test
    void ipvsProfileRotatesRoundRobin() {
        Scenario s = Scenario.profile("ipvs").apply("services.yaml");
        List<String> seen = hostnames(s, "pool", 6);
        assertThat(new TreeSet<>(seen.subList(0, 3))).isEqualTo(pool(s));
        assertThat(seen.subList(3, 6)).isEqualTo(seen.subList(0, 3));
    }

    @Test
    void ipvsProfileNamesTheSchedulerInTheTrace() {
        Scenario s = Scenario.profile("ipvs").apply("services.yaml");
        assertThat(Scenario.trace(s.run("kubectl exec client -- curl -s http://pool/hostname")))
                .contains("IPVS round-robin");
    }

    @Test
    void sessionAffinityClientIpPinsAClientToOneEndpoint() {
        Scenario s = Scenario.fresh().apply("services.yaml");
        assertThat(new TreeSet<>(hostnames(s, "sticky", 10))).hasSize(1);
    }

    @Test
    void sessionAffinityExpiresAfterItsTimeoutWithoutUse() {
        Scenario s = Scenario.fresh().apply("services.yaml");
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 10; i++) {
            seen.addAll(hostnames(s, "sticky", 1));
            s.advance(10801);
        }
        assertThat(seen).hasSizeGreaterThan(1);
    }
}
