package academy.minicluster.web.authoring;

import academy.minicluster.web.testing.WarmedUp;
import academy.minicluster.web.workspace.ClusterWarmUp;
import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.cohorts.InstructorFixtures;
import academy.minicluster.web.testing.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instructor's journey in Debian's chromium: create a lab, see a lint error as they type, fix it, publish,
 * open a cohort, and find a learner's attempt in the gradebook. The learner and their attempt are written to the
 * database directly (sign-up and the workspace are other features).
 */
@QuarkusTest
class InstructorJourneyBrowserTest {

    private static final String BROKEN_LINE = "oops: true";

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    InstructorFixtures fixtures;

    private BrowserContext context;
    private Page page;

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
    void openPage() {
        WarmedUp.await(warmUp);
        fixtures.everyone();
        context = browser.newContext();
        page = context.newPage();
        page.setDefaultTimeout(60_000);
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void instructorCreatesLintsFixesPublishesAndSeesALearnersAttemptInTheGradebook() {
        String labId = "journey-" + System.nanoTime() % 1_000_000;
        String learner = "journey-learner-" + System.nanoTime() % 1_000_000;
        Chromium.screenshotOnFailure(page, "instructor-journey", p -> {
            p.navigate(url("/author/labs"));
            p.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a lab")).click();
            p.getByLabel("Lab id").fill(labId);
            p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create lab")).click();
            p.waitForURL("**/author/labs/" + labId + "/edit");
            Locator editor = p.locator(".cm-content");
            editor.waitFor();
            assertThat(p.locator("#findings .lint-clean").textContent()).contains("can be published");

            // A field the lab format does not know: the linter says so, with its line, while the author types.
            editor.click();
            p.keyboard().press("Control+End");
            p.keyboard().type(BROKEN_LINE);
            Locator finding = p.locator("#findings li.finding").first();
            finding.waitFor();
            assertThat(finding.textContent()).contains("oops");
            assertThat(finding.getAttribute("data-rule")).isEqualTo("parse");

            // Fixed: the findings clear.
            p.keyboard().press("Shift+Home");
            p.keyboard().press("Backspace");
            p.locator("#findings .lint-clean").waitFor();

            p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
            p.waitForURL("**/author/labs/" + labId + "/edit?published=1");
            assertThat(p.locator("#notice").textContent()).startsWith("Published version 1.");

            p.navigate(url("/cohorts"));
            p.getByLabel("Name").fill("Journey cohort");
            p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create cohort")).click();
            p.waitForURL("**/cohorts/*/gradebook");
            Matcher m = Pattern.compile("/cohorts/(\\d+)/gradebook").matcher(p.url());
            assertThat(m.find()).isTrue();
            long cohortId = Long.parseLong(m.group(1));

            fixtures.account(learner, Role.LEARNER);
            fixtures.join(cohortId, learner);
            fixtures.attempt(learner, labId, 1, 1, 4, """
                    {"score":1,"max":4,"checks":[
                      {"id":"service-port-80","title":"Service hello offers port 80","verdict":"PASS","points":1,
                       "maxPoints":1,"explanation":"Service hello offers port 80","command":"","trace":[]},
                      {"id":"three-endpoints-on-5678","title":"Service hello has three ready endpoints on port 5678",
                       "verdict":"FAIL","points":0,"maxPoints":3,
                       "explanation":"Service hello has 0 ready endpoints, expected 3","command":"","trace":[]}],
                     "errors":[]}""", Instant.now());

            p.reload();
            Locator cell = p.locator("tr[data-learner='" + learner + "'] td[data-lab='" + labId + "']");
            assertThat(cell.locator("a.best").textContent()).isEqualTo("1/4");
            cell.locator("a.best").click();
            p.waitForURL("**/cohorts/" + cohortId + "/attempts/*");
            assertThat(p.locator("li.check[data-check='three-endpoints-on-5678'] .explanation").textContent())
                    .isEqualTo("Service hello has 0 ready endpoints, expected 3");
            assertThat(p.locator("dd.version").textContent()).contains("version 1");
        });
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}
