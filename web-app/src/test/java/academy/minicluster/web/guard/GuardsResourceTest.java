package academy.minicluster.web.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    void aChunkedApiBodyOverTheLimitIs413WithTheSameJsonErrorOnTheWire() throws Exception {
        byte[] body = ("{\"manifests\":\"" + TOO_LONG + "\"}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer r = RawHttp.postChunked(root, "/api/v1/simulations", "application/json", body, 64 * 1024);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":413,\"error\":\"Content Too Large\","
                + "\"message\":\"request body too large: limit is 1 MiB\"}");
    }

    @Test
    void aChunkedApiBodyOverTheLimitIs413AlsoThroughRestAssured() {
        Response r = chunked().contentType("application/json")
                .body(new BufferedInputStream(new ByteArrayInputStream(("{\"manifests\":\"" + TOO_LONG + "\"}")
                        .getBytes(StandardCharsets.UTF_8))))
                .post("/api/v1/simulations");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("message")).isEqualTo("request body too large: limit is 1 MiB");
    }

    @Test
    void aChunkedFormOverTheLimitGetsTheSamePage() throws Exception {
        byte[] body = ("yaml=" + TOO_LONG).getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer r = RawHttp.postChunked(root, "/workspaces/1/apply", "application/x-www-form-urlencoded",
                body, 16 * 1024, "Accept: text/html");

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(Jsoup.parse(r.body()).select("header.site-header a.site-name").text())
                .isEqualTo("Minicluster Academy");
        assertThat(Jsoup.parse(r.body()).select("main [role=alert]").text())
                .contains("larger than the platform accepts", "the limit is 1 MiB");
    }

    @Test
    void aChunkedBodyFarOverTheLimitIsCutOffWithTheWordedAnswer() throws Exception {
        byte[] body = ("{\"manifests\":\"" + "#".repeat(17 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer r;
        try {
            r = RawHttp.postChunked(root, "/api/v1/simulations", "application/json", body, 256 * 1024);
        } catch (java.net.SocketException reset) {
            return; // the server closed while we were still writing: curl too sees the answer, or a reset
        }
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("request body too large: limit is 1 MiB");
    }

    @Test
    void aChunkedApiBodyWithinTheLimitGoesOnToTheResource() throws Exception {
        byte[] body = "{\"commands\":[\"kubectl get nodes\"]}".getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer r = RawHttp.postChunked(root, "/api/v1/simulations", "application/json", body, 7,
                "Expect: 100-continue");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("kubectl get nodes", "Ready");
    }

    @Test
    void aChunkedApiBodyJustUnderTheLimitIsReadWhole() throws Exception {
        String padding = " ".repeat(1024 * 1024 - 100);
        byte[] body = ("{\"commands\":[\"kubectl get nodes\"]" + padding + "}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer r = RawHttp.postChunked(root, "/api/v1/simulations", "application/json", body, 64 * 1024);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("kubectl get nodes");
    }

    @Test
    void aChunkedApiBodyWithinTheLimitGoesOnAlsoThroughRestAssured() {
        chunked().contentType("application/json")
                .body(new BufferedInputStream(new ByteArrayInputStream("{\"commands\":[\"kubectl get nodes\"]}"
                        .getBytes(StandardCharsets.UTF_8))))
                .post("/api/v1/simulations").then().statusCode(200);
    }

    @Test
    void aChunkedFormWithinTheLimitIsReadWithItsCsrfToken() throws Exception {
        Forms.Csrf csrf = Forms.csrf("/signup", java.util.Map.of());
        String name = Forms.uniqueName("chunked");
        String form = "csrf-token=" + URLEncoder.encode(csrf.field(), StandardCharsets.UTF_8)
                + "&username=" + name + "&password=" + URLEncoder.encode(Forms.PASSWORD, StandardCharsets.UTF_8)
                + "&confirmPassword=" + URLEncoder.encode(Forms.PASSWORD, StandardCharsets.UTF_8);

        RawHttp.Answer r = RawHttp.postChunked(root, "/signup", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), 9, "Cookie: csrf-token=" + csrf.cookie());

        assertThat(r.status()).isEqualTo(303);
        assertThat(Forms.signIn(name, Forms.PASSWORD)).containsKey("quarkus-credential");
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

    /**
     * RestAssured sending its body chunked: a stream of unknown length (not a ByteArrayInputStream, whose length
     * RestAssured reads) encoded as bytes as they come, so its HTTP client writes {@code Transfer-Encoding: chunked}.
     */
    private static io.restassured.specification.RequestSpecification chunked() {
        return given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/json", ContentType.BINARY)));
    }

    private static io.restassured.specification.RequestSpecification login() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", LEARNER).formParam("j_password", Forms.PASSWORD);
    }
}
