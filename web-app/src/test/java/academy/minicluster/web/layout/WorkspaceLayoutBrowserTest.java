package academy.minicluster.web.layout;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Submission;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.testing.Chromium;
import academy.minicluster.web.testing.WarmedUp;
import academy.minicluster.web.workspace.ClusterWarmUp;
import academy.minicluster.web.workspace.LogEntry;
import academy.minicluster.web.workspace.Workspace;
import academy.minicluster.web.workspace.Workspaces;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lab workspace and the playground at a phone's, a tablet's, a laptop's and a desktop's width (390, 768, 1280
 * and 1920 px) in Debian's chromium: every visible box measured ({@link BoxAudit}), no two sibling boxes overlapping
 * and none wider than the window unless a scrolling box holds it. Each page is saved as a screenshot under
 * target/screenshots/ (web-app/README.md, "Screenshots").
 */
@QuarkusTest
@TestSecurity(user = WorkspaceLayoutBrowserTest.LEARNER, roles = "learner")
class WorkspaceLayoutBrowserTest {

    @Inject
    ClusterWarmUp warmUp;

    /** Until the warm-up ends, a browser opening the playground gets the starting page (WarmedUp). */
    @BeforeEach
    void waitForTheWarmUp() {
        WarmedUp.await(warmUp);
    }

    static final String LEARNER = "layout-learner";
    static final String LAB = "fix-wrong-targetport";
    static final List<Integer> WIDTHS = List.of(390, 768, 1280, 1920);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The smallest on-screen size of the visible cluster map's text, in CSS px; null when no map is shown. */
    static final String SMALLEST_MAP_TEXT = """
            () => {
              const sizes = [...document.querySelectorAll('svg.topology text')]
                  .filter(t => t.getClientRects().length > 0)
                  .map(t => t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize));
              return sizes.length ? Math.min(...sizes) : null;
            }
            """;

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Workspaces workspaces;

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

    @Test
    void theLabWorkspaceAndThePlaygroundFitEveryWidth() throws Exception {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        long me = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(LEARNER).orElseThrow().id);
        // What a learner has after a while: kubectl's widest table in the console, a failed check with its trace.
        Workspace lab = workspaces.forLab(me, workspaces.lab(LAB));
        workspaces.run(lab, LogEntry.command("kubectl get pods -o wide -A"));
        workspaces.run(lab, LogEntry.command("kubectl get svc -A"));
        workspaces.grade(me, workspaces.lab(LAB), Submission.EMPTY);
        Files.createDirectories(SCREENSHOTS);

        List<String> problems = new ArrayList<>();
        for (String place : List.of("/labs/" + LAB, "/playground")) {
            for (int width : WIDTHS) {
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, width < 768 ? 844 : width < 1280 ? 1024 : width * 9 / 16))) {
                    Page page = context.newPage();
                    page.setDefaultTimeout(60_000);
                    page.navigate(new URL(root, place).toString());
                    page.locator(".ws-editor .cm-content").waitFor();
                    String name = (place.startsWith("/labs") ? "lab" : "playground") + "-" + width;
                    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
                            .setFullPage(true));
                    BoxAudit.problems(page).forEach(p -> problems.add(name + ": " + p));
                    // The cluster map's smallest text as drawn on screen (its font size times the drawing's scale):
                    // never under 12 px, a phone's width included. In the lab the map is a tab behind Results.
                    if (page.locator("#tab-topology").count() > 0) {
                        page.locator("#tab-topology").click();
                    }
                    Object smallest = page.evaluate(SMALLEST_MAP_TEXT);
                    assertThat(smallest).as(name + ": the map is shown").isNotNull();
                    assertThat(((Number) smallest).doubleValue()).as(name + ": map text px")
                            .isGreaterThanOrEqualTo(11.99);
                    assertThat(page.locator(".workspace").boundingBox().width).as(name).isLessThanOrEqualTo(width);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theAuditFindsOverlappingSiblingsABoxPastTheWindowAndSidewaysScrolling() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 800))) {
            Page page = context.newPage();
            page.setContent("<html><body><main><div id=\"a\" style=\"height:50px\">a</div>"
                    + "<div id=\"b\" style=\"height:50px;margin-top:-30px\">b</div>"
                    + "<pre id=\"wide\" style=\"width:900px\">wide</pre>"
                    + "<div style=\"overflow:auto\"><pre id=\"held\" style=\"width:900px\">held</pre></div>"
                    + "</main></body></html>");
            List<String> found = BoxAudit.problems(page);
            assertThat(found).anySatisfy(p -> assertThat(p).startsWith("overlap").contains("div#a").contains("div#b"));
            assertThat(found).anySatisfy(p -> assertThat(p).startsWith("past the window").contains("pre#wide"));
            assertThat(found).anySatisfy(p -> assertThat(p).startsWith("the page scrolls sideways"));
            assertThat(found).noneSatisfy(p -> assertThat(p).contains("pre#held"));
        }
    }
}
