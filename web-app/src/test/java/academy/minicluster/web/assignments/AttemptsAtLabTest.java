package academy.minicluster.web.assignments;

import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.InstructorFixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the lab page reads of a learner's work on a lab in one statement ({@link NumberedAttempt#atLab}): the due date
 * that applies to them among their cohorts' and extensions, their attempts numbered and marked late as
 * {@link NumberedAttempt#history} numbers them, and the newest ones' results.
 */
@QuarkusTest
class AttemptsAtLabTest {

    /** This class's learner: its own, so no other test's cohorts or attempts count. */
    static final String AVA = "ava.atlab";

    @Inject
    InstructorFixtures fixtures;

    @Inject
    AgroalDataSource dataSource;

    long me;

    @BeforeEach
    void accounts() {
        fixtures.everyone();
        me = fixtures.account(AVA, Role.LEARNER);
    }

    @Test
    void theDueDateIsTheLatestOfTheLearnersCohortsWithTheirExtensionInsteadOfTheirCohorts() {
        String lab = "atlab-due-" + System.nanoTime();
        Cohort early = cohort("Early");
        Cohort late = cohort("Late");
        Instant earlyDue = Instant.parse("2099-01-01T09:00:00Z");
        Instant lateDue = Instant.parse("2099-02-01T09:00:00Z");
        Assignment earlyAssignment = assign(early, lab, earlyDue);
        assign(late, lab, lateDue);
        assertThat(NumberedAttempt.atLab(dataSource, me, "atlab-not-assigned", 2).due()).isEmpty();

        assertThat(NumberedAttempt.atLab(dataSource, me, lab, 2).due())
                .contains(new Due(lateDue, Due.Kind.COHORT));

        Instant extended = Instant.parse("2099-03-01T09:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> Extension.grant(earlyAssignment.id, me, extended));
        assertThat(NumberedAttempt.atLab(dataSource, me, lab, 2).due())
                .contains(new Due(extended, Due.Kind.EXTENDED));
    }

    @Test
    void attemptsAreNumberedNewestFirstMarkedLateAfterTheDueDateWithTheNewestTwoResults() {
        String lab = "atlab-attempts-" + System.nanoTime();
        Instant due = Instant.parse("2026-06-01T12:00:00Z");
        assign(cohort("Attempts"), lab, due);
        Long first = fixtures.attempt(AVA, lab, 1, 1, 4, "{\"first\":1}", due.minusSeconds(7200));
        Long second = fixtures.attempt(AVA, lab, 1, 2, 4, "{\"second\":2}", due.minusSeconds(3600));
        Long third = fixtures.attempt(AVA, lab, 2, 4, 4, "{\"third\":3}", due.plusSeconds(3600));

        NumberedAttempt.AtLab read = NumberedAttempt.atLab(dataSource, me, lab, 2);

        assertThat(read.history()).containsExactly(
                new NumberedAttempt(third, 3, 4, 4, 2, due.plusSeconds(3600), Due.Timing.LATE),
                new NumberedAttempt(second, 2, 2, 4, 1, due.minusSeconds(3600), Due.Timing.ON_TIME),
                new NumberedAttempt(first, 1, 1, 4, 1, due.minusSeconds(7200), Due.Timing.ON_TIME));
        assertThat(read.newestResults()).containsOnlyKeys(third, second)
                .containsEntry(third, "{\"third\":3}").containsEntry(second, "{\"second\":2}");
        assertThat(read.history()).isEqualTo(QuarkusTransaction.requiringNew().call(() ->
                NumberedAttempt.history(me, lab, Optional.of(new Due(due, Due.Kind.COHORT)))));
        assertThat(NumberedAttempt.atLab(dataSource, me, lab, 0).newestResults()).isEmpty();
        assertThat(NumberedAttempt.atLab(dataSource, me, "atlab-never-tried", 2).history()).isEmpty();
    }

    private Cohort cohort(String name) {
        Cohort cohort = fixtures.cohort(name + " " + System.nanoTime(), INSTRUCTOR);
        fixtures.join(cohort.id, AVA, Instant.parse("2026-01-01T00:00:00Z"));
        return cohort;
    }

    private static Assignment assign(Cohort cohort, String lab, Instant due) {
        return QuarkusTransaction.requiringNew().call(() -> Assignment.assign(cohort.id, lab,
                new Assignment.Window(Instant.parse("2026-01-02T00:00:00Z"), due)));
    }
}
