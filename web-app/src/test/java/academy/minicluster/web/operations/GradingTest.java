package academy.minicluster.web.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.web.operations.Grading.Outcome;
import org.junit.jupiter.api.Test;

/** A grading as logged and counted: its outcome, its line and its structured fields. */
class GradingTest {

    private static Grading scored(int score, int max) {
        return new Grading("web-service", 2, 17, 40L, score, max, 3_420_000);
    }

    @Test
    void everyPointIsFullMarks() {
        assertThat(scored(7, 7).outcome()).isEqualTo(Outcome.FULL);
    }

    @Test
    void somePointsArePartial() {
        assertThat(scored(5, 7).outcome()).isEqualTo(Outcome.PARTIAL);
    }

    @Test
    void noPointIsZero() {
        assertThat(scored(0, 7).outcome()).isEqualTo(Outcome.ZERO);
    }

    @Test
    void theOutcomeTagIsItsNameInLowerCase() {
        assertThat(Outcome.REJECTED.tag()).isEqualTo("rejected");
    }

    @Test
    void theLineNamesLabVersionAccountScoreOutcomeDurationAndAttempt() {
        assertThat(scored(5, 7).message())
                .isEqualTo("graded lab web-service v2 for account 17: 5/7 (partial) in 3.4ms, attempt 40");
    }

    @Test
    void theStructuredFieldsAreTheSameFactsInAStableOrder() {
        assertThat(scored(5, 7).mdc()).containsExactly(
                java.util.Map.entry("labId", "web-service"),
                java.util.Map.entry("labVersion", "2"),
                java.util.Map.entry("account", "17"),
                java.util.Map.entry("attempt", "40"),
                java.util.Map.entry("score", "5"),
                java.util.Map.entry("max", "7"),
                java.util.Map.entry("outcome", "partial"),
                java.util.Map.entry("durationMs", "3.4"));
    }

    @Test
    void aScoreAboveTheMaximumIsRefused() {
        assertThatThrownBy(() -> scored(8, 7)).hasMessage("score 8 out of 7");
    }

    @Test
    void theDurationIsWhatPercentPointOneFWroteOfTheNanoseconds() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // Around every rounding boundary (multiples of 50 µs) and anywhere up to 10 s.
            long nanos = i < 100_000 ? (i / 5) * 50_000L + (i % 5) - 2 : random.nextLong(10_000_000_000L);
            Grading grading = new Grading("web-service", 2, 17, 40L, 5, 7, Math.max(0, nanos));
            assertThat(grading.durationMs()).as("%d ns", nanos)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", Math.max(0, nanos) / 1_000_000.0));
        }
    }

    @Test
    void theLineWithoutAnAttemptEndsAtTheDuration() {
        assertThat(new Grading("web-service", 2, 17, null, 0, 7, 120_000).message())
                .isEqualTo("graded lab web-service v2 for account 17: 0/7 (zero) in 0.1ms");
    }
}
