package academy.minicluster.web.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChromiumTest {

    @Test
    void aMissingBrowserFailsSayingHowToInstallIt() {
        assertThatThrownBy(() -> Chromium.executable(Map.of(Chromium.EXECUTABLE_ENV, "/nonexistent/chromium")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Chromium is not installed at /nonexistent/chromium")
                .hasMessageContaining("apt-get install -y chromium");
    }
}
