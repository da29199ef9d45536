package academy.minicluster.content;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan of labs agrees with the lessons and has what the course promises. */
class PlannedLabsTest {

    private static final Course COURSE = Course.load();
    private static final PlannedLabs PLAN = PlannedLabs.load();

    @Test
    void atLeastTwelveLabsArePlanned() {
        assertThat(PLAN.labs()).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void atLeastThreeLabsStartFromABrokenCluster() {
        assertThat(PLAN.troubleshooting()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theBrokenClusterScenariosAreAllCovered() {
        assertThat(PLAN.troubleshooting()).extracting(PlannedLab::id).contains(
                "fix-wrong-selector", "fix-wrong-targetport", "fix-ingress-pathtype", "fix-notready-pod",
                "fix-dns-blocked-by-policy");
    }

    @Test
    void everyLabALessonListsIsPlannedForThatLesson() {
        COURSE.lessons().forEach(lesson -> assertThat(lesson.labs()).allSatisfy(labId ->
                assertThat(PLAN.lab(labId)).as("lab %s of lesson %s", labId, lesson.id())
                        .hasValueSatisfying(lab -> assertThat(lab.lesson()).isEqualTo(lesson.id()))));
    }

    @Test
    void everyPlannedLabHasAnIntent() {
        assertThat(PLAN.labs()).allSatisfy(lab -> assertThat(lab.intent()).as(lab.id()).hasSizeGreaterThan(30));
    }

    @Test
    void labsArePlannedInCourseOrder() {
        List<String> inLessonOrder = COURSE.lessons().stream().flatMap(lesson -> lesson.labs().stream()).toList();

        assertThat(PLAN.labs()).extracting(PlannedLab::id).containsExactlyElementsOf(inLessonOrder);
    }

    @Test
    void aPlanNamingALessonThatDoesNotListTheLabIsRejected() {
        Course course = Course.load(getClass().getClassLoader(), "courses/valid");

        assertThatThrownBy(() -> PlannedLabs.load(getClass().getClassLoader(), "courses/valid", course))
                .isInstanceOf(CourseException.class)
                .hasMessage("courses/valid/planned-labs.yaml: field 'labs[0].lesson': "
                        + "lesson 'alpha' does not list lab 'orphan' in its labs []");
    }
}
