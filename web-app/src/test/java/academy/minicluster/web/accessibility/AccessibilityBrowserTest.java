package academy.minicluster.web.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.authoring.LabDraft;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.JoinCode;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.testing.Chromium;
import academy.minicluster.web.testing.WarmedUp;
import academy.minicluster.web.workspace.ClusterWarmUp;
import academy.minicluster.web.workspace.LabAttempt;
import academy.minicluster.web.workspace.Workspaces;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every page, as each role sees it, audited in Debian's chromium for what keyboard and screen-reader users need
 * ({@link PageAudit}), and the lab workspace driven by the keyboard alone.
 */
@QuarkusTest
class AccessibilityBrowserTest {

    @Inject
    ClusterWarmUp warmUp;

    /** Until the warm-up ends, a browser opening the playground gets the starting page (WarmedUp). */
    @BeforeEach
    void waitForTheWarmUp() {
        WarmedUp.await(warmUp);
    }

    static final String LEARNER = "a11y-learner";
    static final String INSTRUCTOR = "a11y-instructor";
    static final String ADMIN = "a11y-admin";
    static final String LAB = "fix-wrong-targetport";
    static final String DRAFT = "a11y-draft";

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    CourseCatalog catalog;

    @Inject
    Workspaces workspaces;

    @Inject
    JoinCode joinCodes;

    private BrowserContext context;
    private Page page;

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
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        Forms.ensureAccount(INSTRUCTOR, Role.INSTRUCTOR);
        Forms.ensureAccount(ADMIN, Role.ADMIN);
        context = browser.newContext();
        Axe.install(context);
        // These journeys type into the screen-reader console; the terminal has its own (TerminalBrowserTest).
        context.addInitScript(Chromium.SCREEN_READER_CONSOLE);
        page = context.newPage();
        page.setDefaultTimeout(60_000);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void everyPageAReaderSeesIsLabelledAndLandmarked() {
        List<String> paths = new ArrayList<>(List.of("/", "/course", "/login", "/signup", "/course/lessons/no-such",
                "/labs", "/no-such-page"));
        catalog.course().lessons().forEach(l -> paths.add("/course/lessons/" + l.id()));
        assertNoProblems("anonymous", paths);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void everyPageALearnerUsesIsLabelledAndLandmarked() {
        long me = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(LEARNER).orElseThrow().id);
        LabAttempt failed = workspaces.grade(me, workspaces.lab(LAB), Submission.EMPTY);

        assertNoProblems("learner", List.of("/course", "/course/lessons/services-and-clusterip", "/labs/" + LAB,
                "/labs/" + LAB + "/attempts/" + failed.id, "/playground",
                "/playground?lesson=services-and-clusterip&snippet=1", "/join", "/labs", "/cohorts",
                "/no-such-page"));
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void everyPageAnInstructorUsesIsLabelledAndLandmarked() {
        long me = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(INSTRUCTOR).orElseThrow().id);
        long cohort = QuarkusTransaction.requiringNew().call(() -> {
            if (LabDraft.findByLabId(DRAFT).isEmpty()) {
                LabDraft.create(DRAFT, BuiltInLabs.text(LAB).orElseThrow().replace("id: " + LAB, "id: " + DRAFT), me);
            }
            return Cohort.create("Accessibility", me, joinCodes).id;
        });

        assertNoProblems("instructor", List.of("/author/labs", "/author/labs/new", "/author/labs/" + DRAFT + "/edit",
                "/author/labs/" + DRAFT + "/preview", "/cohorts", "/cohorts/" + cohort + "/gradebook", "/course",
                "/labs/" + LAB, "/join"));
    }

    @Test
    @TestSecurity(user = ADMIN, roles = "admin")
    void theAdminsPageIsLabelledAndLandmarked() {
        assertNoProblems("admin", List.of("/admin/accounts", "/admin/storage"));
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void theLabWorkspaceCanBeDrivenByTheKeyboardAndTheConsoleAnnouncesItsOutput() {
        Chromium.screenshotOnFailure(page, "a11y-keyboard", p -> {
            p.navigate(url("/labs/" + LAB));
            p.locator(".ws-editor .cm-content").waitFor();

            p.keyboard().press("Tab");
            assertThat(p.evaluate("() => document.activeElement.textContent")).isEqualTo("Skip to main content");
            assertThat(p.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")).isNotEqualTo("none");
            p.keyboard().press("Enter");
            assertThat(p.evaluate("() => document.activeElement.id")).isEqualTo("main");

            int presses = 0;
            while (!"console-input".equals(p.evaluate("() => document.activeElement.id")) && presses < 100) {
                p.keyboard().press("Tab");
                presses++;
            }
            assertThat(p.evaluate("() => document.activeElement.id")).as("Tab reaches the console")
                    .isEqualTo("console-input");
            assertThat(p.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")).isNotEqualTo("none");
            assertThat(p.locator("#console-log").getAttribute("aria-live")).isEqualTo("polite");
            assertThat(p.locator("#console-log").getAttribute("role")).isEqualTo("log");

            p.keyboard().type("kubectl get svc api");
            p.keyboard().press("Enter");
            p.waitForCondition(() -> p.locator("#console-log").textContent().contains("ClusterIP"));
            assertThat(p.evaluate("() => document.activeElement.id")).isEqualTo("console-input");
            // The input is emptied once the round trip ends (htmx:afterRequest), just after the log shows the answer.
            p.waitForCondition(() -> p.locator("#console-input").inputValue().isEmpty());
        });
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void theTerminalWorkspaceHasNoSeriousViolations() {
        // The workspace as most learners see it: the terminal, not the screen-reader console, after a command.
        try (BrowserContext terminal = browser.newContext()) {
            Axe.install(terminal);
            Page p = terminal.newPage();
            p.setDefaultTimeout(60_000);
            Chromium.screenshotOnFailure(p, "axe-terminal", tab -> {
                tab.navigate(url("/labs/" + LAB));
                tab.locator(".xterm-rows").waitFor();
                tab.locator(".xterm-helper-textarea").focus();
                tab.keyboard().type("kubectl get svc");
                tab.keyboard().press("Enter");
                tab.waitForCondition(() -> tab.locator(".xterm-rows").textContent().contains("ClusterIP"));
                assertThat(Axe.violations(tab)).isEmpty();
                tab.navigate(url("/playground"));
                tab.locator(".xterm-rows").waitFor();
                assertThat(Axe.violations(tab)).isEmpty();
            });
        }
    }

    @Test
    void axeIsInThePageAndFindsWhatItShould() {
        page.setContent("<html lang=\"en\"><head><title>t</title></head><body><main><h1>x</h1>"
                + "<label>ok <input id=\"ok\"></label><input id=\"unnamed\">"
                + "<p style=\"color:#bbb;background:#fff\">faint words</p></main></body></html>");

        assertThat(Axe.version(page)).isEqualTo("4.14.1");
        assertThat(Axe.violations(page))
                .anySatisfy(v -> assertThat(v).startsWith("critical label").contains("#unnamed"))
                .anySatisfy(v -> assertThat(v).startsWith("serious color-contrast"))
                .noneSatisfy(v -> assertThat(v).contains("#ok"));
    }

    @Test
    void theAuditFindsAnUnlabelledControlADrawingWithoutTextAndMissingLandmarks() {
        page.setContent("<html><head><title>t</title></head><body><main><h1>x</h1>"
                + "<input id=\"q\"><svg viewBox=\"0 0 1 1\"><rect/></svg><img src=\"a.png\"></main>"
                + "<main></main></body></html>");

        assertThat(PageAudit.problems(page)).anySatisfy(p -> assertThat(p).startsWith("no accessible name: <input"))
                .anySatisfy(p -> assertThat(p).startsWith("a drawing without role=img"))
                .anySatisfy(p -> assertThat(p).startsWith("an image without alt"))
                .contains("the page has no lang", "2 main landmarks, not 1", "no banner (header)",
                        "the first link is not a skip link to #main");
    }

    private void assertNoProblems(String who, List<String> paths) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        Chromium.screenshotOnFailure(page, "a11y-" + who, p -> {
            for (String path : paths) {
                Response r = p.navigate(url(path));
                assertThat(r.status()).as(path).isIn(200, 403, 404);
                p.waitForLoadState();
                List<String> problems = new ArrayList<>(PageAudit.problems(p));
                problems.addAll(Axe.violations(p));
                if (!problems.isEmpty()) {
                    found.put(path, problems);
                }
            }
            assertThat(found).as("pages with accessibility problems (" + who + ")").isEmpty();
        });
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}
