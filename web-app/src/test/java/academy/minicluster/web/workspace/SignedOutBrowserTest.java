package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.testing.BrowserPerClass;
import academy.minicluster.web.testing.Chromium;
import academy.minicluster.web.testing.WarmedUp;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A learner whose session ends while a lab is open (it expired, or they signed out in another tab) and who then runs
 * a command is told so in the console, on the page they were on: not the login page drawn inside the console, not a
 * jump away from what they typed. Signing in again in another tab brings that tab back to the lab.
 */
@QuarkusTest
class SignedOutBrowserTest {

    static final String LEARNER = "signed-out-browser";
    static final String LAB = "/labs/first-clusterip-service";

    @RegisterExtension
    static final BrowserPerClass CHROMIUM = new BrowserPerClass();

    @Inject
    ClusterWarmUp warmUp;

    @TestHTTPResource("/login")
    URL login;

    @TestHTTPResource(LAB)
    URL lab;

    @Test
    void aCommandAfterTheSessionEndedSaysSoInPlace() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        WarmedUp.await(warmUp);
        Page page = CHROMIUM.open(context -> context.addInitScript(Chromium.SCREEN_READER_CONSOLE));
        Chromium.screenshotOnFailure(page, "signed-out", p -> {
            signIn(p);
            p.navigate(lab.toString());
            p.locator("#console-input").fill("kubectl get svc");
            p.locator("#console-input").press("Enter");
            p.waitForCondition(() -> p.locator("#console-log .console-entry").count() == 1);

            // The session ends: the browser no longer sends a login cookie.
            p.context().clearCookies(new BrowserContext.ClearCookiesOptions().setName("quarkus-credential"));
            p.locator("#console-input").fill("kubectl get pods");
            p.locator("#console-input").press("Enter");

            p.locator("#console-log .request-error").waitFor();
            assertThat(p.locator("#console-log .request-error").textContent()).startsWith(
                    "Your session has ended, so nothing was done. Sign in again at /login in another tab");
            assertThat(p.url()).isEqualTo(lab.toString());
            assertThat(p.locator("#console-log h1, #console-log form, #console-log #j_username").count())
                    .as("no part of the login page drawn in the console").isZero();
            assertThat(p.locator("#console-log .console-entry").count()).isEqualTo(1);

            // Signing in again in another tab of the same browser opens the lab there.
            Page other = p.context().newPage();
            signIn(other);
            other.waitForURL(lab.toString());
            assertThat(other.locator("h1").first().textContent()).isEqualTo("Your first ClusterIP Service");
        });
    }

    private void signIn(Page p) {
        p.navigate(login.toString());
        p.locator("#j_username").fill(LEARNER);
        p.locator("#j_password").fill(Forms.PASSWORD);
        p.locator("button[type=submit]").click();
        p.waitForCondition(() -> !p.url().contains("/login"));
    }
}
