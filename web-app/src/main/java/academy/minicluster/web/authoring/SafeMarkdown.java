package academy.minicluster.web.authoring;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown written by a lab's author (tasks, hints), rendered wherever a page shows it: the lab page, its hints, the
 * author's preview. Unlike the course's MarkdownRenderer (our own reviewed lessons, raw HTML kept for their
 * diagrams), authored labs come from any instructor, so this is the one renderer for their text: raw HTML, inline or
 * as a block, is escaped (shown as text, never parsed), and a link or image keeps its target only for
 * {@code http}, {@code https} and {@code mailto} ({@code javascript:}, {@code data:}, {@code vbscript:} and the
 * rest become an empty target). Links leave with {@code rel="nofollow noopener noreferrer"}: an author's link
 * neither borrows the platform's reputation nor gets a handle on the learner's tab.
 */
public final class SafeMarkdown {

    /** The only schemes an author's link or image may point to. */
    static final List<String> SCHEMES = List.of("http", "https", "mailto");

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).urlSanitizer(new DefaultUrlSanitizer(SCHEMES))
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .build();

    private SafeMarkdown() {
    }

    public static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
