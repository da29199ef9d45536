package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same script on two fresh clusters gives byte-identical outputs and traces ({@code scenarios/determinism.sh}):
 * generated names, ClusterIPs, node ports, endpoint choices, ephemeral ports and timestamps all come from the seed
 * and the simulated clock.
 */
class DeterminismTest {

    private static List<ShellResult> session() {
        Scenario s = Scenario.fresh().file("seed-web.yaml", Scenario.fixture("seed-web.yaml"));
        return s.shell().runScript(Scenario.fixture("determinism.sh"));
    }

    @Test
    void theSameScriptOnTwoFreshClustersGivesIdenticalResults() {
        List<ShellResult> first = session();
        List<ShellResult> second = session();
        assertThat(first).hasSize(20);
        for (int i = 0; i < first.size(); i++) {
            ShellResult a = first.get(i);
            ShellResult b = second.get(i);
            assertThat(b.command()).isEqualTo(a.command());
            assertThat(b.exitCode()).as(a.command()).isEqualTo(a.exitCode());
            assertThat(b.stdout()).as(a.command()).isEqualTo(a.stdout());
            assertThat(b.stderr()).as(a.command()).isEqualTo(a.stderr());
            assertThat(b.trace()).as(a.command()).isEqualTo(a.trace());
        }
    }

    @Test
    void theScriptsProbesAllSucceed() {
        for (ShellResult r : session()) {
            assertThat(r.exitCode()).as("%s: %s", r.command(), r.stderr()).isZero();
        }
    }

    @Test
    void theSessionsTracesAreNotEmpty() {
        assertThat(session().stream().mapToInt(r -> r.trace().size()).sum()).isGreaterThan(50);
    }

    @Test
    void aDifferentSeedGivesADifferentClusterIp() {
        Scenario other = Scenario.seeded(2).apply("seed-web.yaml");
        assertThat(other.clusterIp("web")).isNotEqualTo(Scenario.fresh().apply("seed-web.yaml").clusterIp("web"));
    }
}
