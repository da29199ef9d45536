package academy.minicluster.content;

import java.util.Optional;

/**
 * The course on the classpath is not well formed: a lesson or the outline is missing something, or they disagree.
 *
 * <p>The message always starts with the resource at fault and, where one is to blame, the field, so an author can
 * go straight to it: {@code course/lessons/03-dns.md: field 'id': is missing}.
 */
public final class CourseException extends RuntimeException {

    private final String file;
    private final String field;

    CourseException(String file, String field, String problem) {
        this(file, field, problem, null);
    }

    CourseException(String file, String field, String problem, Throwable cause) {
        super(file + ": " + (field == null ? "" : "field '" + field + "': ") + problem, cause);
        this.file = file;
        this.field = field;
    }

    /** The classpath resource at fault, e.g. {@code course/lessons/03-dns.md}. */
    public String file() {
        return file;
    }

    /** The field at fault (a front matter key, or a path like {@code modules[1].lessons}), if one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
