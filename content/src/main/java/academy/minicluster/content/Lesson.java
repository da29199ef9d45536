package academy.minicluster.content;

import java.util.List;
import java.util.Objects;

/**
 * One lesson of the course: the metadata from its front matter and its Markdown body.
 *
 * <p>The body never repeats the title as a level-1 heading: pages show {@link #title()} as their {@code <h1>}, and
 * the body's sections start at level 2. {@link #labs()} lists the ids of the labs that close the lesson, in the
 * order a learner should take them; the labs themselves live in the {@code labs} module.
 *
 * @param id       stable identifier, the file name without its {@code NN-} prefix and {@code .md}
 * @param title    the heading a learner sees
 * @param order    position in the whole course; strictly increasing along the outline
 * @param module   id of the {@link CourseModule} that lists this lesson
 * @param summary  one or two sentences for lists and previews
 * @param minutes  estimated reading time, not counting the labs
 * @param labs     ids of the lab(s) that practise this lesson
 * @param markdown the body (everything after the front matter)
 */
public record Lesson(String id, String title, int order, String module, String summary, int minutes,
                     List<String> labs, String markdown, String setup) {

    /** No setup: the lesson's examples need nothing but what they create themselves. */
    public static final String NO_SETUP = "";

    public Lesson(String id, String title, int order, String module, String summary, int minutes, List<String> labs,
                  String markdown) {
        this(id, title, order, module, summary, minutes, labs, markdown, NO_SETUP);
    }

    public Lesson {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(markdown, "markdown");
        labs = List.copyOf(labs);
        Objects.requireNonNull(setup, "setup");
    }
}
