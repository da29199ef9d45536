package academy.minicluster.web.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Debian's chromium, driven by Playwright, for the journeys a person clicks through.
 *
 * <p>Playwright never downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD): it drives the system's
 * {@code /usr/bin/chromium}, or the one named by {@value #EXECUTABLE_ENV}. A missing browser fails the test with
 * how to install it; it never skips, or a green build could hide untested pages.
 */
public final class Chromium {

    public static final String EXECUTABLE_ENV = "MINICLUSTER_CHROMIUM";
    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
    /** Where a failing journey leaves its screenshot. */
    public static final Path SCREENSHOTS = Path.of("target", "playwright");

    /**
     * An init script choosing the workspace's screen-reader console over the terminal (the page remembers the
     * choice in localStorage, see web/app/terminal.js): for journeys that type into the console's input.
     */
    public static final String SCREEN_READER_CONSOLE =
            "try { localStorage.setItem('minicluster.console-mode', 'screen-reader'); } catch (e) {}";

    private static final List<String> ARGS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private Chromium() {
    }

    /** Starts Playwright's driver without letting it fetch browsers. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Launches headless chromium, or fails saying how to install it. */
    public static Browser launch(Playwright playwright) {
        Path executable = executable(System.getenv());
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(ARGS));
    }

    static Path executable(Map<String, String> env) {
        String configured = env.get(EXECUTABLE_ENV);
        Path executable = configured == null || configured.isBlank() ? DEFAULT_EXECUTABLE : Path.of(configured);
        if (!Files.isExecutable(executable)) {
            throw new AssertionError("Chromium is not installed at " + executable + ". The browser tests need it: "
                    + "install Debian's chromium (apt-get install -y chromium; .ci/run does this), or set "
                    + EXECUTABLE_ENV + " to a Chromium executable.");
        }
        return executable;
    }

    /**
     * Runs {@code journey} on {@code page}; if it fails, saves a full-page screenshot as
     * target/playwright/{@code name}.png before rethrowing.
     */
    public static void screenshotOnFailure(Page page, String name, Consumer<Page> journey) {
        try {
            journey.accept(page);
        } catch (RuntimeException | Error failure) {
            try {
                Files.createDirectories(SCREENSHOTS);
                Path file = SCREENSHOTS.resolve(name + ".png");
                page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
                failure.addSuppressed(new Throwable("Screenshot of the page at failure: " + file.toAbsolutePath()));
            } catch (Exception screenshotFailure) {
                failure.addSuppressed(screenshotFailure);
            }
            throw failure;
        }
    }
}
