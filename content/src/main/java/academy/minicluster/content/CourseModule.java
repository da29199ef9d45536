package academy.minicluster.content;

import java.util.List;
import java.util.Objects;

/**
 * A chapter of the course: a few lessons on one theme, in reading order, as the outline lists them.
 *
 * @param id      stable identifier, used in URLs and in each lesson's {@code module} field
 * @param title   the heading a learner sees
 * @param summary what the module is about, in a sentence or two
 * @param lessons the module's lessons in reading order
 */
public record CourseModule(String id, String title, String summary, List<Lesson> lessons) {

    public CourseModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        lessons = List.copyOf(lessons);
    }

    /** The ids of this module's lessons, in reading order. */
    public List<String> lessonIds() {
        return lessons.stream().map(Lesson::id).toList();
    }
}
