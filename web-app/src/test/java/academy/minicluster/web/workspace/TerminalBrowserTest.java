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
import com.microsoft.playwright.Route;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workspace's terminal (xterm.js) in Debian's chromium: Tab completion from the learner's cluster, a command run
 * and answered, ↑ for history, Ctrl+L, a shell in a pod with its prompt, and the switch to the screen-reader
 * console, which shows the same session.
 */
@QuarkusTest
@TestSecurity(user = TestAccounts.ANA, roles = "learner")
class TerminalBrowserTest {

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/labs/" + LabWorkspaceResourceTest.LAB)
    URL lab;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = new ArrayList<>();

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
        page = context.newPage();
        page.setDefaultTimeout(60_000);
        page.onPageError(problems::add);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void theTerminalCompletesRunsRemembersClearsAndOpensAShellInAPod() {
        Chromium.screenshotOnFailure(page, "terminal", p -> {
            p.navigate(lab.toString());
            Locator rows = p.locator("#terminal .xterm-rows");
            rows.waitFor();
            assertThat(p.locator("#console-input").isVisible()).as("the terminal is the default").isFalse();
            p.locator("#terminal").click();

            p.keyboard().type("kubectl ge");
            p.keyboard().press("Tab");
            p.waitForCondition(() -> rows.textContent().contains("kubectl get "));
            p.keyboard().type("sv");
            p.keyboard().press("Tab");
            p.waitForCondition(() -> rows.textContent().contains("kubectl get svc "));
            p.keyboard().type("ap");
            p.keyboard().press("Tab");
            p.waitForCondition(() -> rows.textContent().contains("kubectl get svc api "));
            p.keyboard().press("Enter");
            p.waitForCondition(() -> rows.textContent().contains("CLUSTER-IP"));
            assertThat(rows.textContent()).contains("ClusterIP");

            p.keyboard().press("Control+L");
            p.waitForCondition(() -> !rows.textContent().contains("CLUSTER-IP"));
            p.keyboard().press("ArrowUp");
            p.waitForCondition(() -> rows.textContent().contains("kubectl get svc api"));
            p.keyboard().press("Control+C");
            p.waitForCondition(() -> rows.textContent().contains("^C"));

            // A shell in the pod, on the server: its prompt is the image's (netshoot's ash), and lines run there.
            p.keyboard().type("kubectl exec -it client -- sh");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> p.locator("#console-prompt").textContent().equals("/ # "));
            p.keyboard().type("hostname");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> p.locator("#console-log .console-entry").last().textContent()
                    .contains("hostname"));
            assertThat(p.locator("#console-log .console-entry").last().textContent()).contains("client");
            assertThat(rows.textContent()).contains("/ # hostname");
            p.keyboard().type("exit");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> p.locator("#console-prompt").textContent().equals("$ "));

            p.locator("#console-mode").click();
            assertThat(p.locator("#console-input").isVisible()).isTrue();
            assertThat(p.locator("#terminal").isVisible()).isFalse();
            assertThat(p.locator("#console-log").textContent()).contains("kubectl get svc api", "ClusterIP");
            assertThat(problems).isEmpty();
        });
    }

    @Test
    void errorsAreWrittenInRedAndTheScreenReaderModesEditorAddsNoIndentation() {
        Chromium.screenshotOnFailure(page, "terminal-colours", p -> {
            p.navigate(lab.toString());
            Locator rows = p.locator("#terminal .xterm-rows");
            rows.waitFor();
            p.locator("#terminal").click();
            p.keyboard().type("kubectl get pod no-such-pod");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> rows.textContent().contains("not found"));
            p.keyboard().type("kubectl get svc api");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> rows.textContent().contains("CLUSTER-IP"));
            assertThat(colourOf(p, "not found")).as("kubectl's error").isEqualTo("rgb(255, 123, 114)");
            assertThat(colourOf(p, "CLUSTER-IP")).as("kubectl's table").isEqualTo("rgb(230, 237, 243)");

            assertThat(typedIntoTheEditor(p)).as("auto-indent: the new line keeps the indentation").isEqualTo(
                    "  x\n  y");
            assertThat(p.locator(".ws-editor .cm-editor").getAttribute("data-indent")).isEqualTo("auto");
            p.locator("#console-mode").click();
            assertThat(p.locator(".ws-editor .cm-editor").getAttribute("data-indent")).isEqualTo("off");
            assertThat(typedIntoTheEditor(p)).as("screen-reader mode: only what was typed").isEqualTo("  x\ny");
            p.reload();
            p.locator(".ws-editor .cm-content").waitFor();
            assertThat(p.locator(".ws-editor .cm-editor").getAttribute("data-indent")).as("remembered")
                    .isEqualTo("off");
            assertThat(problems).isEmpty();
        });
    }

    @Test
    void aPendingCommandShowsProgressAfter300MsAndItGoesWithTheAnswer() {
        context.addInitScript(Chromium.SCREEN_READER_CONSOLE);
        Chromium.screenshotOnFailure(page, "progress", p -> {
            AtomicReference<Route> held = new AtomicReference<>();
            p.route("**/console", held::set);
            p.navigate(lab.toString());
            p.locator("#console-input").fill("kubectl get svc api");
            p.locator("#console-input").press("Enter");
            p.waitForCondition(() -> held.get() != null);
            assertThat(p.evaluate("() => document.documentElement.classList.contains('busy')")).isEqualTo(true);
            assertThat(p.locator("#console-log").getAttribute("aria-busy")).isEqualTo("true");
            // The bar is drawn once the wait passes 300 ms (an animation delay), not at once.
            p.waitForFunction("() => getComputedStyle(document.documentElement, '::before').opacity === '1'");
            held.get().resume();
            p.waitForCondition(() -> p.locator("#console-log").textContent().contains("ClusterIP"));
            p.waitForFunction("() => !document.documentElement.classList.contains('busy')");
            assertThat(p.locator("#console-log").getAttribute("aria-busy")).isNull();
            assertThat(problems).isEmpty();
        });
    }

    /** The colour of the terminal's text that holds {@code words}. */
    private static Object colourOf(Page p, String words) {
        return p.evaluate("words => { const span = [...document.querySelectorAll('#terminal .xterm-rows span')]"
                + ".find(s => s.textContent.includes(words)); return span ? getComputedStyle(span).color : null; }",
                words);
    }

    /** Replaces the editor's text by typing two lines, and answers what the editor then holds. */
    private static String typedIntoTheEditor(Page p) {
        p.locator(".ws-editor .cm-content").click();
        p.keyboard().press("Control+A");
        p.keyboard().press("Delete");
        p.keyboard().type("  x");
        p.keyboard().press("Enter");
        p.keyboard().type("y");
        return (String) p.evaluate("() => document.querySelector('textarea[data-editor=yaml]').value");
    }
}
