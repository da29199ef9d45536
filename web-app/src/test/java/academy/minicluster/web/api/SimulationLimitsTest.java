package academy.minicluster.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulationLimitsTest {

    @Test
    void documentsAreCountedAndEmptyOnesSkipped() {
        assertThat(SimulationLimits.countObjects("a: 1\n---\n---\nb: 2\n")).isEqualTo(2);
    }

    @Test
    void eachItemOfAListCounts() {
        assertThat(SimulationLimits.countObjects("kind: List\nitems:\n- kind: Pod\n- kind: Service\n- kind: Pod\n"))
                .isEqualTo(3);
    }

    @Test
    void malformedYamlIsCountedUpToTheErrorAndLeftToKubectl() {
        assertThat(SimulationLimits.countObjects("a: 1\n---\nkind: [unclosed\n")).isEqualTo(1);
    }

    @Test
    void noManifestsAreNoObjects() {
        assertThat(SimulationLimits.countObjects("")).isZero();
        assertThat(SimulationLimits.countObjects(null)).isZero();
    }
}
