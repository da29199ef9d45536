package academy.minicluster.web.accessibility;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core (Deque's accessibility engine, the one browsers' audits use) in the page: the build fetches it from the
 * npm registry, checks its sha512 and unpacks {@code axe.min.js} into the test classes (web-app/pom.xml,
 * {@code npm-axe-core}). It goes in as an init script, which the DevTools protocol runs before the page's own
 * scripts and outside its Content-Security-Policy (an inline {@code <script>} would be refused by it), so the pages
 * are scanned under their real policy, styles and all.
 *
 * <p>{@link #violations} runs every rule axe runs by default (WCAG 2.0-2.2 A and AA and best practices) and keeps
 * the {@code serious} and {@code critical} ones. Nothing is excluded: no rule, no element.
 */
public final class Axe {

    /** The impacts the scans must find none of. */
    static final List<String> FAILING_IMPACTS = List.of("serious", "critical");

    private static final String SOURCE = load();

    static final String RUN = """
            async (impacts) => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter(v => impacts.includes(v.impact)).flatMap(v => v.nodes.map(n =>
                  v.impact + ' ' + v.id + ' (' + v.help + '): ' + n.target.join(' ') + ' ' + n.failureSummary
                      .replace(/\\s+/g, ' ')));
            }
            """;

    private Axe() {
    }

    /** Puts axe-core in every page the context opens. */
    public static void install(BrowserContext context) {
        context.addInitScript(SOURCE);
    }

    /** The serious and critical violations on the page as it is now, one line per element. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(Page page) {
        return (List<String>) page.evaluate(RUN, FAILING_IMPACTS);
    }

    /** axe-core's version, as the page has it (proof it was injected). */
    static String version(Page page) {
        return (String) page.evaluate("() => axe.version");
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is not on the test classpath: the build's npm-axe-core "
                        + "step (web-app/pom.xml) unpacks it into target/test-classes");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
