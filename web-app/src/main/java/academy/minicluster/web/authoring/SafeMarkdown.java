package academy.minicluster.web.authoring;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown from a lab's author, rendered for learners. Unlike the course's MarkdownRenderer (our own reviewed
 * lessons, raw HTML kept for their diagrams), authored labs come from any instructor, so raw HTML is escaped and
 * link targets such as {@code javascript:} are dropped.
 */
public final class SafeMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private SafeMarkdown() {
    }

    public static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
