package academy.minicluster.content;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the renderer does with each Markdown feature lessons use. */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void headingsGetAnchors() {
        assertThat(renderer.render("## Try it\n")).isEqualTo("<h2 id=\"try-it\">Try it</h2>\n");
    }

    @Test
    void fencedCodeCarriesItsLanguageClass() {
        String html = renderer.render("```yaml\nkind: Service\n```\n");

        assertThat(html).isEqualTo("<pre><code class=\"language-yaml\">kind: Service\n</code></pre>\n");
    }

    @Test
    void codeIsEscaped() {
        assertThat(renderer.render("```\n<none>\n```\n")).contains("&lt;none&gt;");
    }

    @Test
    void tablesRender() {
        String html = renderer.render("| type | reach |\n|---|---|\n| ClusterIP | inside |\n");

        assertThat(html).contains("<table>", "<th>type</th>", "<td>ClusterIP</td>");
    }

    @Test
    void rawInlineSvgIsKept() {
        String svg = "<svg viewBox=\"0 0 10 10\" role=\"img\" aria-labelledby=\"t\"><title id=\"t\">A box</title>"
                + "<rect width=\"10\" height=\"10\"/></svg>";

        assertThat(renderer.render("Text.\n\n" + svg + "\n\nMore.\n")).contains(svg);
    }

    @Test
    void frontMatterIsNotShown() {
        String html = renderer.render("---\nid: x\n---\n\n## Body\n");

        assertThat(html).doesNotContain("id: x").contains("<h2 id=\"body\">Body</h2>");
    }
}
