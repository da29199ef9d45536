package academy.minicluster.web.workspace;

import jakarta.inject.Inject;
import academy.minicluster.web.testing.WarmedUp;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.testing.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A learner's journey through a lab in Debian's chromium: open the lab, run kubectl in the console, edit and apply
 * YAML, check the work, see partial credit with an explanation, fix it, get full marks.
 *
 * <p>Signed in with {@code @TestSecurity} (the browser's requests carry the test identity) until sign-up and login
 * are on main; the journey does not depend on how the learner signed in.
 */
@QuarkusTest
@TestSecurity(user = TestAccounts.ANA, roles = "learner")
class LabWorkspaceJourneyTest {

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/labs/" + LabWorkspaceResourceTest.LAB)
    URL lab;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = new ArrayList<>();

    static final String WRONG_PORT = """
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              selector:
                app: api
              ports:
                - port: 8080
                  targetPort: 5678
            """;

    /** Until the warm-up ends, a browser opening a lab or the playground gets the starting page (WarmedUp). */
    @Inject
    ClusterWarmUp warmUp;

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
    void freshWorkspace() {
        WarmedUp.await(warmUp);
        TestAccounts.ensure();
        long me = TestAccounts.id(TestAccounts.ANA);
        QuarkusTransaction.requiringNew().run(() -> Workspace.open(me, LabWorkspaceResourceTest.LAB, 1, "default", 1));
        context = browser.newContext();
        // These journeys type into the screen-reader console; the terminal has its own (TerminalBrowserTest).
        context.addInitScript(Chromium.SCREEN_READER_CONSOLE);
        page = context.newPage();
        page.setDefaultTimeout(60_000);
        page.onPageError(problems::add);
        page.onResponse(response -> {
            if (response.status() >= 500) {
                problems.add(response.status() + " " + response.url());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void learnerExploresAppliesYamlGetsPartialCreditFixesItAndGetsFullMarks() {
        Chromium.screenshotOnFailure(page, "lab-workspace-journey", p -> {
            p.navigate(lab.toString());
            p.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(p.locator("h1").textContent()).isEqualTo("Fix a Service that forwards to the wrong port");

            // The console: kubectl, output in kubectl's look, and history on the up arrow.
            Locator console = p.getByLabel("Command", new Page.GetByLabelOptions().setExact(true));
            console.fill("kubectl get endpointslices");
            console.press("Enter");
            Locator entry = p.locator("#console-log .console-entry").last();
            entry.locator("text=api-").first().waitFor();
            assertThat(entry.textContent()).contains("NAME", "ADDRESSTYPE", "PORTS", "80");
            console.press("ArrowUp");
            assertThat(console.inputValue()).isEqualTo("kubectl get endpointslices");
            console.fill("");

            // The editor: CodeMirror over the textarea; the YAML is typed in and applied.
            replaceEditorText(p, WRONG_PORT);
            p.locator("#apply-button").click();
            p.locator("#apply-output .apply-out").waitFor();
            assertThat(p.locator("#apply-output").textContent()).contains("service/api configured");

            // Check: partial credit, with an explanation and the failing probe drawn.
            p.locator("#check-button").click();
            p.locator("#results .score").waitFor();
            String score = p.locator("#results .score").textContent();
            assertThat(score).startsWith("Score 3/7");
            Locator failed = p.locator("#results .check-fail").first();
            assertThat(failed.locator(".explanation").textContent()).isNotBlank();
            assertThat(p.evaluate("() => document.activeElement.id")).isEqualTo("results");
            // The trace is drawn top to bottom, one hop a row, the hop where the probe stopped marked and in view.
            assertThat(p.locator("#results .trace-hops .hop").count()).isPositive();
            assertThat(p.locator("#results .trace-hops .hop-fail").first().isVisible()).isTrue();

            // Fix the port and check again: full marks.
            replaceEditorText(p, WRONG_PORT.replace("port: 8080", "port: 80"));
            p.evaluate("() => document.getElementById('apply-output').replaceChildren()");
            p.locator("#apply-button").click();
            p.locator("#apply-output .apply-out").waitFor();
            assertThat(p.locator("#apply-output").textContent()).contains("service/api configured");
            p.waitForCondition(() -> p.locator("#topology pre").textContent().contains("ports 80/TCP"));
            p.locator("#check-button").click();
            p.waitForCondition(() -> p.locator("#results .score").textContent().startsWith("Score 7/7"));
            assertThat(p.locator("#results .check-fail").count()).isZero();
            assertThat(p.locator("#attempts li").count()).isGreaterThanOrEqualTo(2);
            assertThat(problems).isEmpty();
        });
    }

    /** Replaces the editor's text as a paste would (no auto-indent), whether or not CodeMirror has mounted. */
    private static void replaceEditorText(Page p, String text) {
        Locator content = p.locator(".ws-editor .cm-content");
        content.waitFor();
        content.click();
        p.keyboard().press("Control+A");
        p.keyboard().press("Delete");
        p.keyboard().insertText(text);
        p.waitForCondition(() -> p.locator("textarea[name=yaml]").inputValue().strip().equals(text.strip()));
    }
}
