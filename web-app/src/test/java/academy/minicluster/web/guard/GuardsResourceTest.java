package academy.minicluster.web.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** The request guards in front of every resource: the body limit's words, and where a login post comes from. */
@QuarkusTest
class GuardsResourceTest {

    static final String LEARNER = "guard-learner";
    static final String TOO_LONG = "#".repeat(1_100_000);

    @TestHTTPResource("/")
    URL root;

    @Test
    void anApiBodyOverTheLimitIs413WithAJsonErrorNamingTheLimit() {
        Response r = given().contentType("application/json").body("{\"manifests\":\"" + TOO_LONG + "\"}")
                .post("/api/v1/simulations");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getInt("status")).isEqualTo(413);
        assertThat(r.jsonPath().getString("message")).isEqualTo("request body too large: limit is 1 MiB");
    }

    @Test
    void aFormOverTheLimitGetsAPageSayingWhatHappened() {
        Response r = given().contentType("application/x-www-form-urlencoded").header("Accept", "text/html")
                .formParam("yaml", TOO_LONG).post("/workspaces/1/apply");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(Jsoup.parse(r.asString()).select("main [role=alert]").text())
                .contains("larger than the platform accepts", "the limit is 1 MiB");
    }

    @Test
    void aBodyWithinTheLimitGoesOnToTheResource() {
        given().contentType("application/json").body("{\"commands\":[\"kubectl get nodes\"]}")
                .post("/api/v1/simulations").then().statusCode(200);
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefusedAndSignsNobodyIn() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);

        Response r = login().header("Origin", "https://evil.example").post("/j_security_check");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.getCookie("quarkus-credential")).isNull();
        assertThat(r.asString()).contains("did not come from Minicluster Academy's own sign-in page");
    }

    @Test
    void aLoginWithAnOpaqueOriginIsRefused() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);

        assertThat(login().header("Origin", "null").post("/j_security_check").statusCode()).isEqualTo(403);
    }

    @Test
    void aLoginPostedFromTheSignInPageSignsIn() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);
        String origin = "http://" + root.getHost() + ":" + root.getPort();

        Response r = login().header("Origin", origin).header("Referer", origin + "/login")
                .post("/j_security_check");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getCookie("quarkus-credential")).isNotBlank();
    }

    @Test
    void behindAProxyThatForwardsThePublicHostALoginFromThePublicPageSignsIn() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);

        Response r = login().header("Origin", "https://academy.example")
                .header("X-Forwarded-Host", "academy.example").post("/j_security_check");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getCookie("quarkus-credential")).isNotBlank();
    }

    @Test
    void aLoginFromAScriptWithoutOriginOrRefererStillWorks() {
        Forms.ensureAccount(LEARNER, Role.LEARNER);

        assertThat(Forms.signIn(LEARNER, Forms.PASSWORD)).containsKey("quarkus-credential");
    }

    private static io.restassured.specification.RequestSpecification login() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", LEARNER).formParam("j_password", Forms.PASSWORD);
    }
}
