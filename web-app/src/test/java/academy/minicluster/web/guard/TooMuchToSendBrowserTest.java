package academy.minicluster.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A learner who applies more YAML than the platform takes is told so where the apply's answer goes. */
@QuarkusTest
@TestSecurity(user = TooMuchToSendBrowserTest.LEARNER, roles = "learner")
class TooMuchToSendBrowserTest {

    @Inject
    ClusterWarmUp warmUp;

    /** Until the warm-up ends, a browser opening the playground gets the starting page (WarmedUp). */
    @BeforeEach
    void waitForTheWarmUp() {
        WarmedUp.await(warmUp);
    }

    static final String LEARNER = "guard-browser";

    @TestHTTPResource("/playground")
    URL playground;

    @Test
    void anApplyOverTheBodyLimitSaysSoInsteadOfNothing() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright);
             BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(60_000);
            Chromium.screenshotOnFailure(page, "too-much-to-send", p -> {
                p.navigate(playground.toString());
                p.locator(".ws-editor .cm-content").waitFor();
                p.evaluate("() => { document.querySelector('textarea[name=yaml]').value = '#'.repeat(1100000); }");

                p.locator("#apply-button").click();

                p.locator("#apply-output .request-error").waitFor();
                assertThat(p.locator("#apply-output .request-error").getAttribute("role")).isEqualTo("alert");
                assertThat(p.locator("#apply-output .request-error").textContent())
                        .contains("larger than the platform accepts", "the limit is 1 MiB");
            });
        }
    }
}
