package academy.minicluster.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Whether a page, as a browser would parse it, can run anything an author or learner wrote: no event-handler
 * attribute anywhere, no {@code javascript:}/{@code data:}/{@code vbscript:} target, no frame, plugin or
 * {@code <base>}, and no script but the platform's own bundles (an external file of this origin, nothing inline).
 */
final class Inert {

    /** The XSS payloads every author-text field is tried with. Each sets window.XSS if it ever runs. */
    static final List<String> PAYLOADS = List.of(
            "<script>window.XSS=1</script>",
            "<img src=x onerror=\"window.XSS=1\">",
            "[a javascript: link](javascript:window.XSS=1)",
            "![an image](javascript:window.XSS=1)",
            "[a data: link](data:text/html,<script>window.XSS=1</script>)",
            "<svg onload=\"window.XSS=1\"><circle r=\"5\"/></svg>",
            "<div onmouseover=\"window.XSS=1\">a raw HTML block</div>",
            "<a href=\"javascript:window.XSS=1\">a raw link</a>",
            "<iframe src=\"javascript:window.XSS=1\"></iframe>",
            "[attribute injection](https://example.com/\" onmouseover=\"window.XSS=1)",
            "\" onmouseover=\"window.XSS=1\" x=\"",
            "<base href=\"https://evil.example/\">",
            "<object data=\"javascript:window.XSS=1\"></object>");

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "data", "srcdoc", "poster", "background");

    private Inert() {
    }

    /** Fails naming {@code where} and the offending element when {@code html} could run an injected script. */
    static Document assertInert(String where, String html) {
        Document page = Jsoup.parse(html);
        for (Element e : page.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("%s: event handler in %s", where, e.outerHtml()).doesNotStartWith("on");
                if (URL_ATTRIBUTES.contains(name)) {
                    String target = a.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
                    assertThat(target).as("%s: script target in %s", where, e.outerHtml())
                            .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:");
                }
            }
        }
        assertThat(page.select("iframe, frame, object, embed, base, applet"))
                .as("%s: frames, plugins, <base>", where).isEmpty();
        for (Element script : page.select("script")) {
            assertThat(script.attr("src")).as("%s: %s", where, script.outerHtml()).startsWith("/");
            assertThat(script.data()).as("%s: inline script", where).isBlank();
        }
        return page;
    }
}
