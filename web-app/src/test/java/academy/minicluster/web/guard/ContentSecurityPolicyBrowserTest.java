package academy.minicluster.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.AuthoringTestData;
import academy.minicluster.web.testing.Chromium;
import academy.minicluster.web.testing.WarmedUp;
import academy.minicluster.web.workspace.ClusterWarmUp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages under their Content-Security-Policy in Debian's chromium: everything they do (htmx round trips, the
 * console's history, CodeMirror, the lesson's copy buttons, the trace drawings) works with no inline script or style,
 * and the browser reports no violation; and an author's XSS payloads, opened by a learner, run nothing.
 */
@QuarkusTest
@TestSecurity(user = ContentSecurityPolicyBrowserTest.USER, roles = {"learner", "instructor"})
class ContentSecurityPolicyBrowserTest {

    @Inject
    ClusterWarmUp warmUp;

    /** Until the warm-up ends, a browser opening the playground gets the starting page (WarmedUp). */
    @BeforeEach
    void waitForTheWarmUp() {
        WarmedUp.await(warmUp);
    }

    static final String USER = "csp-browser";
    static final String LESSON = "services-and-clusterip";

    /** Collects every CSP violation the page reports, from before its first script runs. */
    private static final String WATCH = "window.__csp = []; document.addEventListener('securitypolicyviolation', "
            + "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));";

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    AuthoringTestData authoring;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        Forms.ensureAccount(USER, Role.LEARNER, Role.INSTRUCTOR);
        context = browser.newContext();
        context.addInitScript(WATCH);
        page = context.newPage();
        page.setDefaultTimeout(60_000);
        page.onPageError(problems::add);
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Content-Security-Policy")) {
                problems.add(m.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void everyPageWorksUnderThePolicyWithoutAViolation() {
        Chromium.screenshotOnFailure(page, "csp-pages", p -> {
            for (String path : List.of("/", "/course", "/login", "/signup", "/course/lessons/" + LESSON,
                    "/author/labs", "/cohorts", "/join")) {
                p.navigate(url(path));
                p.waitForLoadState(LoadState.NETWORKIDLE);
                assertNoViolation(p, path);
            }

            // The lab workspace: console (htmx), its history (moved out of the template), Check my work (htmx, the
            // trace drawing), and htmx's indicator styled by app.css instead of an injected <style>.
            p.navigate(url("/labs/first-clusterip-service"));
            p.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(p.evaluate("() => getComputedStyle(document.getElementById('check-busy')).opacity"))
                    .isEqualTo("0");
            // The terminal (xterm.js writes <style> elements: they must carry the nonce) opens first; then the
            // screen-reader console.
            p.locator("#terminal .xterm-rows").waitFor();
            assertNoViolation(p, "lab workspace's terminal");
            p.locator("#console-mode").click();
            Locator console = p.locator("#console-input");
            int before = p.locator("#console-log .console-entry").count();
            console.fill("kubectl get pods");
            console.press("Enter");
            p.waitForCondition(() -> p.locator("#console-log .console-entry").count() == before + 1);
            p.waitForCondition(() -> console.inputValue().isEmpty());
            console.press("ArrowUp");
            assertThat(console.inputValue()).isEqualTo("kubectl get pods");
            p.locator("#check-button").click();
            p.locator("#results .score").waitFor();
            p.waitForCondition(() -> "results".equals(p.evaluate("() => document.activeElement.id")));
            assertThat(p.locator(".cm-editor").count()).isPositive();
            assertThat(p.evaluate("() => getComputedStyle(document.querySelector('.cm-editor')).display"))
                    .isEqualTo("flex");
            assertNoViolation(p, "lab workspace");

            // A lesson's commands tried in the playground: "Put in the console" (moved out of the template).
            p.navigate(url("/course/lessons/" + LESSON));
            List<String> tries = p.locator(".try-it a").all().stream().map(a -> a.getAttribute("href")).toList();
            boolean clicked = false;
            for (String href : tries) {
                p.navigate(url(href));
                Locator buttons = p.locator(".use-command");
                if (buttons.count() > 0) {
                    Locator last = buttons.last();
                    last.click();
                    assertThat(p.locator("#console-input").inputValue()).isEqualTo(last.getAttribute("data-command"));
                    clicked = true;
                    break;
                }
            }
            assertThat(clicked).as("a lesson snippet of commands").isTrue();
            assertNoViolation(p, "playground");

            // The lab editor: CodeMirror and the linter's htmx round trip as the author types.
            String labId = "csp-" + System.nanoTime() % 1_000_000;
            p.navigate(url("/author/labs/new"));
            p.getByLabel("Lab id").fill(labId);
            p.locator("form button[type=submit]").last().click();
            p.waitForURL("**/author/labs/" + labId + "/edit");
            Locator editor = p.locator(".cm-content");
            editor.waitFor();
            editor.click();
            p.keyboard().press("Control+End");
            p.keyboard().type("oops: true");
            p.locator("#findings li.finding").first().waitFor();
            assertNoViolation(p, "lab editor");
            assertThat(problems).isEmpty();
        });
    }

    @Test
    void anAuthorsPayloadsRunNothingInALearnersBrowser() {
        String author = USER;
        String labId = "csp-xss-" + System.nanoTime() % 1_000_000;
        String tasks = "tasks: |\n  XSS-TASKS\n\n" + String.join("\n\n", Inert.PAYLOADS.stream()
                .map(x -> "  " + x).toList()) + "\n";
        String yaml = authoring.starter().replace("id: my-first-lab", "id: " + labId);
        yaml = yaml.substring(0, yaml.indexOf("tasks: |")) + tasks + yaml.substring(yaml.indexOf("hints:"));
        authoring.draft(labId, yaml, author);
        authoring.publishTitled(labId, "XSS lab", author);
        Chromium.screenshotOnFailure(page, "csp-xss", p -> {
            for (String path : List.of("/labs/" + labId, "/author/labs/" + labId + "/preview")) {
                p.navigate(url(path));
                p.waitForLoadState(LoadState.NETWORKIDLE);
                assertThat(p.locator("text=XSS-TASKS").count()).isPositive();
                for (Locator element : p.locator(".ws-tasks *, .lab-preview .tasks *").all()) {
                    if (element.isVisible()) {
                        element.hover(new Locator.HoverOptions().setForce(true).setTimeout(5_000));
                    }
                }
                assertThat(p.evaluate("() => window.XSS === undefined")).as(path).isEqualTo(true);
            }
            assertThat(problems).isEmpty();
        });
    }

    private static void assertNoViolation(Page p, String where) {
        assertThat(p.evaluate("() => window.__csp")).as(where).isEqualTo(List.of());
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}
