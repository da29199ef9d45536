package academy.minicluster.web.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginOriginTest {

    @Test
    void aPostFromThePlatformsOwnPageMayGoOn() {
        assertThat(LoginOrigin.sameSite("http://localhost:8080", null, "localhost:8080")).isTrue();
    }

    @Test
    void aPostFromAnotherSiteIsRefused() {
        assertThat(LoginOrigin.sameSite("https://evil.example", null, "academy.example")).isFalse();
    }

    @Test
    void anotherPortOnTheSameHostIsAnotherOriginWhenBothNameIt() {
        assertThat(LoginOrigin.sameSite("http://localhost:9999", null, "localhost:8080")).isFalse();
    }

    @Test
    void behindAProxyThatEndsTlsTheImpliedPortIsNotHeldAgainstIt() {
        assertThat(LoginOrigin.sameSite("https://Academy.Example", null, "academy.example")).isTrue();
    }

    @Test
    void anOpaqueOriginIsRefused() {
        assertThat(LoginOrigin.sameSite("null", "http://localhost:8080/login", "localhost:8080")).isFalse();
    }

    @Test
    void withoutOriginTheRefererDecides() {
        assertThat(LoginOrigin.sameSite(null, "http://localhost:8080/login?error=true", "localhost:8080")).isTrue();
        assertThat(LoginOrigin.sameSite(null, "https://evil.example/page", "localhost:8080")).isFalse();
    }

    @Test
    void aPostWithNeitherHeaderIsNotFromABrowserAndMayGoOn() {
        assertThat(LoginOrigin.sameSite(null, null, "localhost:8080")).isTrue();
    }
}
