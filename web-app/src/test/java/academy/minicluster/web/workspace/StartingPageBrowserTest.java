package academy.minicluster.web.workspace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accessibility.Axe;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.testing.BrowserPerClass;
import academy.minicluster.web.testing.Chromium;
import academy.minicluster.web.testing.WarmedUp;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A learner who opens the playground or a lab in the first seconds after a start, while the platform still warms its
 * mini-clusters, sees a starting page with progress at once ({@link StartingPage}), and the playground (with the
 * lesson's example they asked for) or the lab as soon as the warm-up ends, without doing anything. The test holds the
 * warm-up for as long as it needs ({@link ClusterWarmUp#warmAgain}), so nothing depends on how long warming takes.
 */
@QuarkusTest
@TestSecurity(user = StartingPageBrowserTest.LEARNER, roles = "learner")
class StartingPageBrowserTest {

    static final String LEARNER = "starting-browser";
    static final String TRY_IT = "/playground?lesson=services-and-clusterip&snippet=1";
    static final String LAB = "/labs/fix-wrong-selector";

    @RegisterExtension
    static final BrowserPerClass CHROMIUM = new BrowserPerClass();

    @Inject
    ClusterWarmUp warmUp;

    @TestHTTPResource(TRY_IT)
    URL tryIt;

    @TestHTTPResource(LAB)
    URL lab;

    private final CompletableFuture<Void> held = new CompletableFuture<>();
    private Page page;

    @BeforeEach
    void holdTheWarmUp() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        WarmedUp.await(warmUp);
        // As just after a start: a warm-up round that has not ended (it runs once the test lets it).
        warmUp.warmAgain(held);
        page = CHROMIUM.open(context -> {
            Axe.install(context);
            context.addInitScript(Chromium.SCREEN_READER_CONSOLE);
        });
    }

    @AfterEach
    void letItEnd() {
        held.complete(null);
        WarmedUp.await(warmUp);
    }

    @Test
    void aPlaygroundOpenedWhileWarmingShowsProgressThenOpensByItself() {
        Chromium.screenshotOnFailure(page, "playground-starting", p -> {
            p.navigate(tryIt.toString());
            startingPageThenWarm(p, "Starting your playground", "opens your playground by itself", TRY_IT);

            // The page asks the server, which answers when the warm-up ends; then the playground opens, with the
            // lesson's example asked for.
            p.locator(".snippet[data-snippet='1']").waitFor();
            assertThat(p.url()).endsWith(TRY_IT);
            assertThat(p.locator("h1").textContent()).isEqualTo("Playground");
            assertThat(warmUp.isWarm()).isTrue();
        });
    }

    @Test
    void aLabOpenedWhileWarmingShowsProgressThenOpensByItself() {
        Chromium.screenshotOnFailure(page, "lab-starting", p -> {
            p.navigate(lab.toString());
            startingPageThenWarm(p, "Starting your lab", "opens the lab Fix a Service that selects nothing by itself",
                    LAB);

            // The lab's own page, with its editor, once the warm-up ends.
            p.locator("#check-button").waitFor();
            assertThat(p.url()).endsWith(LAB);
            assertThat(p.locator("h1").first().textContent()).isEqualTo("Fix a Service that selects nothing");
            assertThat(warmUp.isWarm()).isTrue();
        });
    }

    /**
     * The starting page is on screen, in the layout, accessible, opening {@code opens} by itself (or by its link);
     * then the test lets the warm-up end.
     */
    private void startingPageThenWarm(Page p, String heading, String status, String opens) {
        assertThat(p.locator("h1").textContent()).isEqualTo(heading);
        assertThat(p.locator("progress.starting-progress").isVisible()).isTrue();
        assertThat(p.locator("[role=status]").textContent()).contains(status);
        assertThat(p.locator(".starting a").getAttribute("href")).isEqualTo(opens);
        assertThat(p.locator("header.site-header .signed-in-name").textContent()).isEqualTo(LEARNER);
        assertThat(Axe.violations(p)).as("the starting page's accessibility").isEmpty();
        assertThat(warmUp.isWarm()).isFalse();

        held.complete(null);
    }

    @Test
    void anUnknownLabIsStillA404WhileWarming() {
        Response r = given().header("Sec-Fetch-Dest", "document").header("Accept", "text/html").get("/labs/no-such-lab");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(warmUp.isWarm()).isFalse();
    }

    @Test
    void aScriptGetsThePlaygroundItselfAndTheReadinessAnswerSaysNotYet() {
        // Not a browser loading a page (no Sec-Fetch-Dest: document): the playground, however long it takes.
        Response playground = given().get(TRY_IT);
        assertThat(playground.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(playground.asString()).select("h1").text()).isEqualTo("Playground");

        Response notYet = given().get("/playground/ready");
        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(notYet.header("Retry-After")).isEqualTo("1");
        assertThat(warmUp.isWarm()).isFalse();

        held.complete(null);
        WarmedUp.await(warmUp);
        assertThat(given().get("/playground/ready").statusCode()).isEqualTo(204);
    }
}
