package academy.minicluster.web.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One chromium for a test class, a fresh browser context for each page a test opens, closed after the test:
 * {@code @RegisterExtension static final BrowserPerClass chromium = new BrowserPerClass();} then
 * {@code chromium.open(context -> ...)} in a test or its {@code @BeforeEach}.
 */
public final class BrowserPerClass implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** Long enough for a slow shared machine; every wait is for a condition, never for a time. */
    static final double TIMEOUT_MILLIS = 120_000;

    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    /** A page in a new context, which {@code setUp} prepares first (init scripts, axe). */
    public Page open(Consumer<BrowserContext> setUp) {
        BrowserContext context = browser.newContext();
        contexts.add(context);
        setUp.accept(context);
        Page page = context.newPage();
        page.setDefaultTimeout(TIMEOUT_MILLIS);
        return page;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            playwright.close();
        }
    }
}
