package academy.minicluster.web.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttemptResultTest {

    private static final String STORED = """
            {"score":2,"max":5,"errors":["error: the server could not find the requested resource"],
             "checks":[{"id":"reach","title":"curl answers","verdict":"FAIL","points":0,"maxPoints":5,
                        "explanation":"connection refused","command":"curl -sS http://web/",
                        "trace":[{"stage":"SERVICE","decision":"no endpoints",
                                  "decidedBy":[{"kind":"Service","namespace":"shop","name":"web"}],
                                  "verdict":"REFUSED"}]}]}""";

    @Test
    void readsTheGraderJsonCheckByCheck() {
        AttemptResult result = AttemptResult.parse(STORED, 0, 0);

        assertThat(result.readable()).isTrue();
        assertThat(result.score()).isEqualTo(2);
        assertThat(result.max()).isEqualTo(5);
        assertThat(result.checks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.explanation()).isEqualTo("connection refused");
            assertThat(c.command()).isEqualTo("curl -sS http://web/");
        });
        assertThat(result.errors()).containsExactly("error: the server could not find the requested resource");
    }

    @Test
    void namesTheObjectsThatDecidedAHopAsKubectlDoes() {
        AttemptResult.HopLine hop = AttemptResult.parse(STORED, 0, 0).checks().get(0).trace().get(0);

        assertThat(hop.decidedBy()).isEqualTo("Service shop/web");
        assertThat(hop.verdict()).isEqualTo("REFUSED");
    }

    @Test
    void unreadableJsonKeepsTheScoreAndSaysSo() {
        AttemptResult result = AttemptResult.parse("{not json", 3, 8);

        assertThat(result.readable()).isFalse();
        assertThat(result.score()).isEqualTo(3);
        assertThat(result.max()).isEqualTo(8);
        assertThat(result.checks()).isEmpty();
    }
}
