package academy.minicluster.content;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A course that is not well formed must not load, and the error must name the file and field an author has to fix.
 * Each fixture under {@code src/test/resources/courses/} is the small valid course with one fault.
 */
class BadCourseTest {

    private static CourseException loading(String fixture) {
        CourseException error = catchThrowableOfType(CourseException.class,
                () -> Course.load(BadCourseTest.class.getClassLoader(), "courses/" + fixture));
        assertThat(error).as("loading courses/%s must fail", fixture).isNotNull();
        return error;
    }

    @Test
    void theValidFixtureLoads() {
        Course course = Course.load(getClass().getClassLoader(), "courses/valid");

        assertThat(course.lessons()).extracting(Lesson::id).containsExactly("alpha", "beta");
    }

    @Test
    void missingIdNamesTheFileAndField() {
        CourseException error = loading("missing-id");

        assertThat(error.file()).isEqualTo("courses/missing-id/lessons/02-beta.md");
        assertThat(error.field()).hasValue("id");
        assertThat(error).hasMessage("courses/missing-id/lessons/02-beta.md: field 'id': is missing");
    }

    @Test
    void missingMinutesNamesTheField() {
        CourseException error = loading("missing-minutes");

        assertThat(error.file()).endsWith("01-alpha.md");
        assertThat(error.field()).hasValue("minutes");
    }

    @Test
    void duplicateIdNamesBothFiles() {
        CourseException error = loading("duplicate-id");

        assertThat(error.field()).hasValue("id");
        assertThat(error.getMessage())
                .startsWith("courses/duplicate-id/lessons/02-alpha.md: field 'id': ")
                .contains("already the id of courses/duplicate-id/lessons/01-alpha.md");
    }

    @Test
    void lessonNotInTheOutlineNamesTheLessonFile() {
        CourseException error = loading("not-in-outline");

        assertThat(error.file()).isEqualTo("courses/not-in-outline/lessons/02-beta.md");
        assertThat(error.field()).hasValue("id");
        assertThat(error.getMessage()).contains("'beta' is not in the outline");
    }

    @Test
    void outlineNamingAMissingLessonNamesTheOutlineEntry() {
        CourseException error = loading("outline-names-missing-lesson");

        assertThat(error.file()).isEqualTo("courses/outline-names-missing-lesson/outline.yaml");
        assertThat(error.field()).hasValue("modules[0].lessons");
        assertThat(error.getMessage()).contains("names lesson 'gamma' but no lesson file has that id");
    }

    @Test
    void lessonListedInTwoModulesIsRejected() {
        CourseException error = loading("listed-twice");

        assertThat(error.file()).endsWith("outline.yaml");
        assertThat(error.field()).hasValue("modules[1].lessons");
        assertThat(error.getMessage()).contains("lesson 'beta' is listed in module 'basics' and again in module 'more'");
    }

    @Test
    void unknownFrontMatterFieldIsRejected() {
        CourseException error = loading("unknown-field");

        assertThat(error.field()).hasValue("lab");
        assertThat(error.getMessage()).contains("is not a known field");
    }

    @Test
    void moduleFieldMustAgreeWithTheOutline() {
        CourseException error = loading("wrong-module");

        assertThat(error.file()).endsWith("01-alpha.md");
        assertThat(error.field()).hasValue("module");
        assertThat(error.getMessage()).contains("is 'advanced' but").contains("under module 'basics'");
    }

    @Test
    void orderMustGrowAlongTheOutline() {
        CourseException error = loading("order-out-of-step");

        assertThat(error.file()).endsWith("02-beta.md");
        assertThat(error.field()).hasValue("order");
    }

    @Test
    void lessonWithoutFrontMatterIsRejected() {
        CourseException error = loading("no-front-matter");

        assertThat(error.file()).endsWith("01-alpha.md");
        assertThat(error.field()).isEmpty();
        assertThat(error.getMessage()).contains("has no front matter");
    }

    @Test
    void invalidYamlReportsTheLineInTheFile() {
        CourseException error = loading("bad-yaml");

        assertThat(error.file()).endsWith("01-alpha.md");
        assertThat(error.getMessage()).contains("is not valid YAML").containsPattern("\\(line \\d+\\)");
    }

    @Test
    void idMustMatchTheFileName() {
        CourseException error = loading("id-differs-from-file-name");

        assertThat(error.field()).hasValue("id");
        assertThat(error.getMessage()).contains("is 'beta' but the file name says 'alpha'");
    }

    @Test
    void missingOutlineIsReported() {
        CourseException error = catchThrowableOfType(CourseException.class,
                () -> Course.load(getClass().getClassLoader(), "courses/does-not-exist"));

        assertThat(error.file()).isEqualTo("courses/does-not-exist/outline.yaml");
        assertThat(error.getMessage()).contains("is not on the classpath");
    }
}
