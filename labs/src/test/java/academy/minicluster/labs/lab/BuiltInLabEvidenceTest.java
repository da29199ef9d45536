package academy.minicluster.labs.lab;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's evidence, per built-in lab: its reference solutions and alternative answers get full marks, its start
 * state at most a third of the points, and each of its wrong answers less than full marks.
 */
class BuiltInLabEvidenceTest {

    static Stream<Lab> labs() throws Exception {
        return BuiltInLabs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void referenceSolutionsGetFullMarks(Lab lab) {
        for (Solution s : lab.solutions()) {
            GradeResult r = Grader.grade(lab, Submission.of(s));
            assertThat(r.errors()).as(s.id()).isEmpty();
            assertThat(r.score()).as(s.id() + ": " + r.checks()).isEqualTo(r.max());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theStartStateGetsAtMostAThird(Lab lab) {
        GradeResult r = Grader.grade(lab, Submission.EMPTY);

        assertThat(r.score() * 3).as("%s: %d/%d", lab.id(), r.score(), r.max()).isLessThanOrEqualTo(r.max());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void wrongAnswersScoreBelowFullMarks(Lab lab) {
        for (Solution s : lab.wrongAnswers()) {
            GradeResult r = Grader.grade(lab, Submission.of(s));
            assertThat(r.score()).as(s.id()).isLessThan(r.max());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void alternativeAnswersGetFullMarks(Lab lab) {
        for (Solution s : lab.alternativeAnswers()) {
            GradeResult r = Grader.grade(lab, Submission.of(s));
            assertThat(r.score()).as(s.id() + ": " + r.checks()).isEqualTo(r.max());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void troubleshootingLabsShowSymptomsOnly(Lab lab) {
        if (lab.kind() == LabKind.troubleshooting) {
            assertThat(lab.feedback()).isEqualTo(Feedback.SYMPTOMS_ONLY);
        }
    }
}
