package academy.minicluster.web.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.content.LessonSnippets;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.testing.Chromium;
import academy.minicluster.web.testing.WarmedUp;
import academy.minicluster.web.workspace.ClusterWarmUp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A learner reading a lesson clicks "Try it in the playground" under a manifest and under a console session, lands
 * in their playground with the snippet ready, applies and runs it, reloads, and finds the console as they left it.
 */
@QuarkusTest
@TestSecurity(user = TryItBrowserTest.LEARNER, roles = "learner")
class TryItBrowserTest {

    @Inject
    ClusterWarmUp warmUp;

    /** Until the warm-up ends, a browser opening the playground gets the starting page (WarmedUp). */
    @BeforeEach
    void waitForTheWarmUp() {
        WarmedUp.await(warmUp);
    }

    static final String LEARNER = "tryit-browser";
    static final String LESSON = "services-and-clusterip";

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/course/lessons/" + LESSON)
    URL lesson;

    @Inject
    CourseCatalog catalog;

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
        context = browser.newContext();
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
    void aManifestTriedFromALessonIsInThePlaygroundsEditorAndApplies() {
        LessonSnippets.Snippet manifest = first(true);
        Chromium.screenshotOnFailure(page, "try-it-manifest", p -> {
            p.navigate(lesson.toString());
            p.locator(".try-it a[data-snippet='" + manifest.number() + "']").click();

            p.waitForURL("**/playground?lesson=" + LESSON + "&snippet=" + manifest.number());
            p.locator(".ws-editor .cm-content").waitFor();
            p.waitForCondition(() -> p.locator("textarea[name=yaml]").inputValue().equals(manifest.text()));
            assertThat(p.locator(".ws-editor .cm-content").textContent()).contains("kind: Deployment");
            assertThat(p.locator(".snippet h2").textContent()).contains("Services and ClusterIP");

            p.locator("#apply-button").click();
            p.locator("#apply-output .apply-out").waitFor();
            assertThat(p.locator("#apply-output").textContent()).containsPattern("deployment.apps/hello (created|configured|unchanged)");
        });
    }

    @Test
    void commandsTriedFromALessonAreInTheConsoleRunAndAreStillThereAfterAReload() {
        LessonSnippets.Snippet commands = first(false);
        String command = commands.commands().get(0);
        Chromium.screenshotOnFailure(page, "try-it-commands", p -> {
            p.navigate(lesson.toString());
            p.locator(".try-it a[data-snippet='" + commands.number() + "']").click();

            p.waitForURL("**/playground?lesson=" + LESSON + "&snippet=" + commands.number());
            assertThat(p.locator("#console-input").inputValue()).isEqualTo(command);
            int before = p.locator("#console-log .console-entry").count();
            p.locator("#console-input").press("Enter");
            p.waitForCondition(() -> p.locator("#console-log .console-entry").count() == before + 1);
            String answered = p.locator("#console-log .console-entry").last().textContent();
            assertThat(answered).contains(command);

            p.navigate(lesson.toString().replace("/course/lessons/" + LESSON, "/playground"));
            assertThat(p.locator("#console-log .console-entry").count()).isEqualTo(before + 1);
            assertThat(p.locator("#console-log .console-entry").last().textContent()).isEqualTo(answered);
        });
    }

    private LessonSnippets.Snippet first(boolean manifest) {
        return catalog.lesson(LESSON).orElseThrow().snippets().stream().filter(s -> s.manifest() == manifest)
                .findFirst().orElseThrow();
    }
}
