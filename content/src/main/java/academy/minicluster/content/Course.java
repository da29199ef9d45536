package academy.minicluster.content;

import java.util.List;
import java.util.Optional;

/**
 * The course: its modules in order, each with its lessons in order.
 *
 * <p>{@link #load()} reads the built-in course from the classpath (never from a file system path), so it works the
 * same from the IDE, from the module's jar and from the packaged application. The resources are:
 * <ul>
 *   <li>{@code course/outline.yaml}: the modules (id, title, summary) in order, each listing its lesson ids;</li>
 *   <li>{@code course/lessons/index.txt}: the lesson files, one name per line (a jar cannot be listed portably,
 *       so the index says which files there are; a test keeps it equal to the directory);</li>
 *   <li>{@code course/lessons/NN-id.md}: each lesson, YAML front matter then Markdown.</li>
 * </ul>
 * A course that is not well formed does not load: {@link CourseException} names the file and field at fault.
 *
 * @param modules the modules in reading order
 */
public record Course(List<CourseModule> modules) {

    /** Where the built-in course lives on the classpath. */
    public static final String DEFAULT_ROOT = "course";

    public Course {
        modules = List.copyOf(modules);
    }

    /** Loads the built-in course from this module's classpath. */
    public static Course load() {
        return load(Course.class.getClassLoader(), DEFAULT_ROOT);
    }

    /**
     * Loads a course from {@code root} (e.g. {@code "course"}) on the given class loader's classpath.
     *
     * @throws CourseException if a resource is missing or a lesson or the outline is not well formed
     */
    public static Course load(ClassLoader classLoader, String root) {
        return new CourseLoader(classLoader, root).load();
    }

    /** Every lesson of the course, in reading order. */
    public List<Lesson> lessons() {
        return modules.stream().flatMap(module -> module.lessons().stream()).toList();
    }

    /** The lesson with this id, if there is one. */
    public Optional<Lesson> lesson(String id) {
        return lessons().stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    /** The module with this id, if there is one. */
    public Optional<CourseModule> module(String id) {
        return modules.stream().filter(module -> module.id().equals(id)).findFirst();
    }

    /**
     * The lesson a learner reads before this one (crossing module boundaries), or empty for the first lesson.
     *
     * @throws IllegalArgumentException if the course has no lesson with this id
     */
    public Optional<Lesson> previous(String id) {
        int index = indexOf(id);
        return index == 0 ? Optional.empty() : Optional.of(lessons().get(index - 1));
    }

    /**
     * The lesson a learner reads after this one (crossing module boundaries), or empty for the last lesson.
     *
     * @throws IllegalArgumentException if the course has no lesson with this id
     */
    public Optional<Lesson> next(String id) {
        List<Lesson> lessons = lessons();
        int index = indexOf(id);
        return index == lessons.size() - 1 ? Optional.empty() : Optional.of(lessons.get(index + 1));
    }

    private int indexOf(String id) {
        List<Lesson> lessons = lessons();
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no lesson with id '" + id + "' in the course");
    }
}
