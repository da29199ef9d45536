package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.testing.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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

            p.keyboard().type("kubectl exec -it client -- sh");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> rows.textContent().contains("root@client:/#"));
            p.keyboard().type("exit");
            p.keyboard().press("Enter");

            p.locator("#console-mode").click();
            assertThat(p.locator("#console-input").isVisible()).isTrue();
            assertThat(p.locator("#terminal").isVisible()).isFalse();
            assertThat(p.locator("#console-log .console-entry").last().textContent()).contains("kubectl get svc api",
                    "ClusterIP");
            assertThat(problems).isEmpty();
        });
    }
}
