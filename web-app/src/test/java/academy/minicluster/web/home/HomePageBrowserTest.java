package academy.minicluster.web.home;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.testing.Chromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The home page in a real browser (Debian's chromium): what a visitor sees first. */
@QuarkusTest
class HomePageBrowserTest {

    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL home;

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
        context = browser.newContext();
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                problems.add(message.text());
            }
        });
        page.onPageError(problems::add);
        page.onResponse(response -> {
            if (response.status() >= 400) {
                problems.add(response.status() + " " + response.url());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void visitorSeesTheAcademyHeadingAndTheMainNavigation() {
        Chromium.screenshotOnFailure(page, "home-heading", p -> {
            p.navigate(home.toString());

            assertThat(p.title()).isEqualTo("Minicluster Academy");
            assertThat(p.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).textContent())
                    .isEqualTo("Minicluster Academy");
            assertThat(p.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                    .getByRole(AriaRole.LINK).allTextContents()).containsExactly("Course", "Labs", "Sign in");
        });
    }

    @Test
    void theAppBundleRunsAndEveryResourceLoads() {
        Chromium.screenshotOnFailure(page, "home-bundle", p -> {
            p.navigate(home.toString());
            p.waitForFunction("() => window.htmx !== undefined");

            assertThat(p.evaluate("() => typeof window.htmx.ajax")).isEqualTo("function");
            assertThat(problems).isEmpty();
        });
    }

    @Test
    void theSkipLinkMovesFocusToTheMainContent() {
        Chromium.screenshotOnFailure(page, "home-skip-link", p -> {
            p.navigate(home.toString());
            p.keyboard().press("Tab");

            assertThat(p.evaluate("() => document.activeElement.textContent")).isEqualTo("Skip to main content");
            p.keyboard().press("Enter");
            assertThat(p.evaluate("() => document.activeElement.id")).isEqualTo("main");
        });
    }
}
