package academy.minicluster.web.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code minicluster.cookies.secure=true}: a deployment reached only over HTTPS marks every cookie Secure. */
@QuarkusTest
@TestProfile(SecureCookiesTest.BehindHttps.class)
class SecureCookiesTest {

    public static class BehindHttps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minicluster.cookies.secure", "true");
        }
    }

    @Test
    void everyCookieTheSignInAndAFormSetIsSecure() {
        String name = Forms.uniqueName("secure");
        Forms.ensureAccount(name, Role.LEARNER);
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", name).formParam("j_password", Forms.PASSWORD).post("/j_security_check");
        Response form = given().get("/login");
        List<String> cookies = new java.util.ArrayList<>(login.headers().getValues("Set-Cookie"));
        cookies.addAll(form.headers().getValues("Set-Cookie"));
        assertThat(cookies).extracting(c -> c.split("=")[0])
                .contains("quarkus-credential", "minicluster-session", "csrf-token");
        assertThat(cookies).allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
    }
}
