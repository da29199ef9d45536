package academy.minicluster.content;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in course loads from the classpath and its parts agree. */
class CourseTest {

    private static final Course COURSE = Course.load();

    @Test
    void builtInCourseHasAtLeastNineLessons() {
        assertThat(COURSE.lessons()).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void lessonIdsAreUnique() {
        List<String> ids = COURSE.lessons().stream().map(Lesson::id).toList();

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void everyLessonIsInExactlyOneModuleAndSaysWhichOne() {
        Map<String, Long> modulesPerLesson = COURSE.modules().stream()
                .flatMap(module -> module.lessons().stream())
                .collect(Collectors.groupingBy(Lesson::id, Collectors.counting()));

        assertThat(modulesPerLesson.values()).containsOnly(1L);
        COURSE.modules().forEach(module -> assertThat(module.lessons())
                .allSatisfy(lesson -> assertThat(lesson.module()).isEqualTo(module.id())));
    }

    @Test
    void orderGrowsAlongTheOutlineWithoutGaps() {
        List<Integer> orders = COURSE.lessons().stream().map(Lesson::order).toList();

        assertThat(orders).isSorted().doesNotHaveDuplicates();
        assertThat(orders.get(0)).isEqualTo(1);
        assertThat(orders.get(orders.size() - 1)).isEqualTo(orders.size());
    }

    @Test
    void theCourseCoversEveryPlannedTopic() {
        assertThat(COURSE.lessons()).extracting(Lesson::id).contains(
                "pods-and-pod-ips", "services-and-clusterip", "dns-inside-the-cluster", "readiness-and-traffic",
                "nodeport", "loadbalancer", "ingress", "network-policy", "troubleshooting");
    }

    @Test
    void everyLessonHasASummaryMinutesAndLabs() {
        assertThat(COURSE.lessons()).allSatisfy(lesson -> {
            assertThat(lesson.summary()).as(lesson.id()).isNotBlank();
            assertThat(lesson.minutes()).as(lesson.id()).isBetween(5, 60);
            assertThat(lesson.labs()).as(lesson.id()).isNotEmpty();
        });
    }

    @Test
    void lessonIsFoundById() {
        assertThat(COURSE.lesson("nodeport")).hasValueSatisfying(
                lesson -> assertThat(lesson.title()).containsIgnoringCase("NodePort"));
        assertThat(COURSE.lesson("no-such-lesson")).isEmpty();
    }

    @Test
    void previousAndNextCrossModuleBoundaries() {
        CourseModule first = COURSE.modules().get(0);
        CourseModule second = COURSE.modules().get(1);
        String lastOfFirst = first.lessons().get(first.lessons().size() - 1).id();
        String firstOfSecond = second.lessons().get(0).id();

        assertThat(COURSE.next(lastOfFirst)).map(Lesson::id).hasValue(firstOfSecond);
        assertThat(COURSE.previous(firstOfSecond)).map(Lesson::id).hasValue(lastOfFirst);
    }

    @Test
    void firstLessonHasNoPreviousAndLastHasNoNext() {
        List<Lesson> lessons = COURSE.lessons();

        assertThat(COURSE.previous(lessons.get(0).id())).isEmpty();
        assertThat(COURSE.next(lessons.get(lessons.size() - 1).id())).isEmpty();
    }

    @Test
    void previousOfAnUnknownLessonIsAnError() {
        assertThatThrownBy(() -> COURSE.previous("no-such-lesson"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-lesson");
    }

    @Test
    void modulesHaveTitlesAndSummaries() {
        assertThat(COURSE.modules()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(module -> {
            assertThat(module.title()).isNotBlank();
            assertThat(module.summary()).isNotBlank();
        });
    }

    @Test
    void moduleIsFoundById() {
        Map<String, CourseModule> byId = COURSE.modules().stream()
                .collect(Collectors.toMap(CourseModule::id, Function.identity()));

        byId.forEach((id, module) -> assertThat(COURSE.module(id)).containsSame(module));
    }
}
