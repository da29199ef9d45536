package academy.minicluster.web.gradebook;

import academy.minicluster.web.testing.WarmedUp;
import academy.minicluster.web.workspace.ClusterWarmUp;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.cohorts.InstructorFixtures;
import academy.minicluster.web.testing.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's instructor journey in Debian's chromium, two people each signed in through the login page in their
 * own browser context: the instructor publishes a lab, opens a cohort and assigns the lab with an opening and a due
 * date; the learner joins with the code, finds the lab on the course page, opens it and checks their work; the
 * instructor sees the attempt (numbered 1) in the gradebook under the lab's title, drills into it, and downloads
 * the same as CSV. CSRF tokens and the CSP (no inline script) stay on throughout: page errors fail the test.
 */
@QuarkusTest
class CohortJourneyBrowserTest {

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    InstructorFixtures fixtures;

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

    @Test
    void publishAssignAttemptAndGrade() throws Exception {
        WarmedUp.await(warmUp);
        long run = System.nanoTime() % 1_000_000;
        String instructor = "journey-ines-" + run;
        String learner = "journey-lea-" + run;
        String labId = "assigned-" + run;
        fixtures.account(instructor, Role.INSTRUCTOR);
        fixtures.account(learner, Role.LEARNER);
        List<String> problems = new java.util.ArrayList<>();

        try (BrowserContext teacher = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
             BrowserContext student = browser.newContext()) {
            Page t = teacher.newPage();
            Page s = student.newPage();
            for (Page p : List.of(t, s)) {
                p.setDefaultTimeout(60_000);
                p.onPageError(problems::add);
                p.onConsoleMessage(m -> {
                    if (m.text().contains("Content Security Policy")) {
                        problems.add(m.text());
                    }
                });
            }
            String[] code = new String[1];
            Chromium.screenshotOnFailure(t, "cohort-journey-instructor", p -> {
                signIn(p, instructor);
                p.navigate(url("/author/labs"));
                p.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create a lab")).click();
                p.getByLabel("Lab id").fill(labId);
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create lab")).click();
                p.waitForURL("**/author/labs/" + labId + "/edit");
                p.locator("#findings .lint-clean").waitFor();
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
                p.waitForURL("**/author/labs/" + labId + "/edit?published=1");

                p.navigate(url("/cohorts"));
                p.getByLabel("Name").fill("Journey " + run);
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create cohort")).click();
                p.waitForURL("**/cohorts/*/gradebook");
                code[0] = p.locator("code.join-code").textContent();

                // The browser's zone is sent with the form (local-time.js); opened a year ago, due in 2099.
                assertThat(p.locator("#assignments input[name=zone]").inputValue()).isNotBlank();
                p.getByLabel("Lab", new Page.GetByLabelOptions().setExact(true)).selectOption(labId);
                p.getByLabel("Opens").fill("2025-12-01T09:00");
                p.getByLabel("Due", new Page.GetByLabelOptions().setExact(true)).fill("2099-01-15T17:00");
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")).click();
                p.locator("tr[data-assignment='" + labId + "']").waitFor();
            });

            Chromium.screenshotOnFailure(s, "cohort-journey-learner", p -> {
                signIn(p, learner);
                p.navigate(url("/join"));
                p.getByLabel("Join code").fill(code[0]);
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
                p.locator("text=You joined").first().waitFor();

                p.navigate(url("/course"));
                Locator assigned = p.locator(".assigned-labs tr[data-lab='" + labId + "']");
                // Localized by the script: no longer the server's UTC fallback.
                assertThat(assigned.locator("td.due time").getAttribute("data-localized")).isEqualTo("true");
                assigned.locator("th a").click();
                p.waitForURL("**/labs/" + labId);
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check my work")).click();
                p.locator("#attempts li[data-attempt='1']").waitFor();
                assertThat(p.locator("#attempts li[data-attempt='1'] a").textContent()).startsWith("Attempt 1: ");
            });

            Chromium.screenshotOnFailure(t, "cohort-journey-gradebook", p -> {
                p.reload();
                Locator cell = p.locator("tr[data-learner='" + learner + "'] td[data-lab='" + labId + "']");
                assertThat(cell.locator(".attempts").textContent()).isEqualTo("1 attempt");
                assertThat(p.locator("thead th[data-lab='" + labId + "'] .lab-title").textContent())
                        .isNotEqualTo(labId);
                String best = cell.locator("a.best").textContent();

                Download download = p.waitForDownload(() -> p.getByRole(AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Download as CSV")).click());
                String csv;
                try {
                    csv = Files.readString(download.path());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                assertThat(csv).startsWith("learner,lab,title,assigned,due,");
                assertThat(csv).contains(learner + "," + labId + ",");
                assertThat(csv).contains(",yes,2099-01-15T");
                assertThat(csv).contains("," + best.replace('/', ',') + ",1,0,");

                cell.locator("a.best").click();
                p.waitForURL("**/attempts/*");
                assertThat(p.locator("h1").textContent()).endsWith("attempt 1");
                assertThat(p.locator("dd.score").textContent()).isEqualTo(best);
            });
        }
        assertThat(problems).isEmpty();
    }

    private void signIn(Page p, String username) {
        p.navigate(url("/login"));
        p.getByLabel("Username").fill(username);
        p.getByLabel("Password").fill(InstructorFixtures.PASSWORD);
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        p.waitForURL("**/course");
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}
