package academy.minicluster.content;

import org.commonmark.Extension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;
import java.util.Objects;

/**
 * Turns a lesson's Markdown into HTML: GitHub tables, fenced code with a {@code language-*} class (for the copy
 * button and highlighting), an {@code id} on every heading (for links into a lesson), and raw HTML kept as written,
 * which is how lessons embed their inline SVG diagrams.
 *
 * <p>Raw HTML is kept because the course is authored by us and reviewed like code; this renderer is not meant for
 * text typed by learners. Front matter, if the text still has it, is parsed away rather than shown.
 * Instances are immutable and safe to share between threads.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            HeadingAnchorExtension.create(),
            YamlFrontMatterExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    /** Renders a lesson's body to an HTML fragment (no {@code <html>} or {@code <body>}). */
    public String render(Lesson lesson) {
        Objects.requireNonNull(lesson, "lesson");
        return render(lesson.markdown());
    }

    /** Renders Markdown to an HTML fragment. */
    public String render(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        return renderer.render(parser.parse(markdown));
    }
}
