package academy.minicluster.web.course;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.testing.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A newcomer in a real browser: signs up, signs in, opens the course, reads a lesson, sees it marked read. */
@QuarkusTest
class CourseJourneyBrowserTest {

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL home;

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
    void aNewcomerSignsUpSignsInReadsALessonAndSeesItMarkedRead() {
        String username = Forms.uniqueName("newcomer");
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            Chromium.screenshotOnFailure(page, "course-journey", p -> {
                p.navigate(home.toString() + "signup");
                p.getByLabel("Username").fill(username);
                p.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(Forms.PASSWORD);
                p.getByLabel("Password, again").fill(Forms.PASSWORD);
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

                // Issue 15: sign-up signs the newcomer in; no second form.
                p.waitForURL("**/course");
                assertThat(p.locator(".signed-in-name").textContent()).isEqualTo(username);
                assertThat(p.locator(".role-badge").textContent()).isEqualTo("learner");
                assertThat(p.locator("li[data-lesson=services-and-clusterip] .lesson-status").textContent())
                        .isEqualTo("not done yet");

                p.locator("li[data-lesson=services-and-clusterip] > a").click();
                p.waitForURL("**/course/lessons/services-and-clusterip");
                // Issue 15: opening a lesson no longer counts; "Mark as done" does.
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark as done")).click();
                p.waitForURL("**/course/lessons/services-and-clusterip**");
                assertThat(p.locator("#lesson-done-status").textContent()).isEqualTo("✓ Done");
                assertThat(p.locator(".lesson-body .copy-button").count()).isPositive();

                p.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The course").setExact(true)).click();
                p.waitForURL("**/course");
                assertThat(p.locator("li[data-lesson=services-and-clusterip] .lesson-status").textContent())
                        .isEqualTo("✓ done");
                assertThat(p.locator("#course-progress").textContent())
                        .isEqualTo("You have marked 1 of " + new CourseCatalog().course().lessons().size() + " lessons as done.");
            });
        }
    }
}
