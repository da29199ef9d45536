package academy.minicluster.web.errors;

import static academy.minicluster.web.cohorts.InstructorFixtures.INSTRUCTOR;
import static academy.minicluster.web.cohorts.InstructorFixtures.LEARNER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.cohorts.InstructorFixtures;
import academy.minicluster.web.guard.RequestHeadLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 403, 404 and 500 as pages in the layout, JSON on the API; never Quarkus' empty answer. */
@QuarkusTest
class ErrorPagesTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Inject
    InstructorFixtures fixtures;

    @BeforeEach
    void accounts() {
        fixtures.everyone();
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void aLearnerOnAnInstructorPageIsToldWhoItIsForAndWhoTheyAre() {
        for (String path : new String[] {"/cohorts", "/author/labs", "/cohorts/1/gradebook"}) {
            Document page = page(path, 403);
            assertThat(page.select("h1").text()).as(path).isEqualTo("This page is for instructors");
            assertThat(page.select("main [role=alert]").text()).as(path).isEqualTo(
                    "This page is for instructors. You are signed in as " + LEARNER + ", a learner.");
            assertLayout(page);
            assertThat(page.select("nav[aria-label='Ways on'] a").eachAttr("href")).contains("/", "/course",
                    "/labs", "/playground");
        }
        Document admins = page("/admin/accounts", 403);
        assertThat(admins.select("h1").text()).isEqualTo("This page is for admins");
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void anInstructorOnALearnersPageAndOnAnotherInstructorsCohort() {
        assertThat(page("/join", 403).select("h1").text()).isEqualTo("This page is for learners");
        Document theirs = page("/cohorts/999999999/gradebook", 404);
        assertThat(theirs.select("main [role=alert]").text()).isEqualTo("No cohort 999999999.");
        assertThat(theirs.select("nav[aria-label='Ways on'] a").eachAttr("href")).contains("/cohorts");
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void anUnknownUrlIsA404PageInTheLayoutWithWaysOn() {
        for (String path : new String[] {"/no-such-page", "/course/no/such", "/vendor/xterm/no-such.js", "/q/nope"}) {
            Response r = given().redirects().follow(false).header("Accept", BROWSER).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("text/html");
            assertThat(r.header("Content-Security-Policy")).as(path).contains("style-src 'self' 'nonce-");
            Document page = Jsoup.parse(r.asString());
            assertThat(page.select("h1").text()).isEqualTo("Page not found");
            assertThat(page.select("main [role=alert]").text()).startsWith("There is no page at " + path + ".");
            assertLayout(page);
            String nonce = page.select("meta[name=csp-nonce]").attr("content");
            assertThat(r.header("Content-Security-Policy")).as("the page's nonce is the header's")
                    .contains("'nonce-" + nonce + "'");
        }
        // A resource that finds nothing says what it looked for.
        assertThat(page("/labs/no-such-lab", 404).select("main [role=alert]").text()).isEqualTo("No lab no-such-lab.");
    }

    @Test
    void anUnknownUrlOfTheApiIsJson() {
        Response r = given().header("Accept", BROWSER).get("/api/v1/no-such-thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("message")).isEqualTo(
                "no GET /api/v1/no-such-thing in this API: see /q/openapi for its paths");
        Response json = given().header("Accept", "application/json").get("/no-such-page");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.jsonPath().getInt("status")).isEqualTo(404);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void anApiCallWithoutTheRoleIsJson() {
        Response r = given().header("Accept", BROWSER).get("/api/v1/attempts/999999999");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error")).isEqualTo("Not Found");
    }

    @Test
    void anAnonymousVisitorIsStillSentToSignIn() {
        Response r = given().redirects().follow(false).header("Accept", BROWSER).get("/cohorts");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).contains("/login");
    }

    @Test
    void aFailureOfOursIsA500PageWithTheRequestIdAndNoDetail() {
        Response r = given().header("Accept", BROWSER).get("/test-only/failing");
        assertThat(r.statusCode()).isEqualTo(500);
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("Something went wrong on our side");
        assertThat(page.select("code.request-id").text()).isEqualTo(r.header("X-Request-Id"));
        assertThat(r.asString()).doesNotContain(FailingResource.SECRET).doesNotContain("IllegalStateException");
        assertLayout(page);

        Response api = given().header("Accept", "application/json").get("/test-only/failing/api");
        assertThat(api.statusCode()).isEqualTo(500);
        assertThat(api.jsonPath().getString("message")).isEqualTo("the platform failed to answer (request "
                + api.header("X-Request-Id") + "); nothing was changed by it");
    }

    @Test
    void aMethodNotAllowedIsAPageAndJsonOnTheApi() {
        Response r = given().header("Accept", BROWSER).delete("/course");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.contentType()).startsWith("text/html");
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("Not something this address does");
        assertThat(page.select("main [role=alert]").text()).startsWith("/course does not answer DELETE.");
        assertLayout(page);

        Response api = given().header("Accept", "application/json").delete("/course");
        assertThat(api.statusCode()).isEqualTo(405);
        assertThat(api.jsonPath().getString("message")).isEqualTo("DELETE is not allowed on /course");
    }

    @Test
    void aBodyInAFormatTheResourceDoesNotReadIsA415Page() {
        Response r = given().header("Accept", BROWSER).contentType("text/plain").body("hello")
                .post("/test-only/failing/json-only");
        assertThat(r.statusCode()).isEqualTo(415);
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("Not in a form the platform reads");
        assertLayout(page);
    }

    @Test
    void aVertxRouteThatThrowsIsThe500PageWithTheRequestIdAndJsonForTheApi() {
        Response r = given().header("Accept", BROWSER).get(FailingRoutes.THROWS);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("text/html");
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("Something went wrong on our side");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(page.select("code.request-id").text()).isEqualTo(r.header("X-Request-Id"));
        assertThat(r.asString()).doesNotContain(FailingResource.SECRET).doesNotContain("IllegalStateException");
        assertLayout(page);

        Response api = given().header("Accept", "application/json").get(FailingRoutes.THROWS);
        assertThat(api.statusCode()).isEqualTo(500);
        assertThat(api.contentType()).startsWith("application/json");
        assertThat(api.jsonPath().getString("message")).isEqualTo("the platform failed to answer (request "
                + api.header("X-Request-Id") + "); nothing was changed by it");
    }

    @Test
    void aVertxRouteThatFailsWithAStatusIsThatStatusPage() {
        Response r = given().header("Accept", BROWSER).get(FailingRoutes.FAILS_WITH_405);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("main [role=alert]").text())
                .isEqualTo(FailingRoutes.FAILS_WITH_405 + " does not answer GET (it answers POST). Follow the page's "
                        + "own links and buttons rather than typing the address.");
        assertLayout(page);
    }

    @Test
    void aFormOverTheBodyLimitIsThe413PageInTheLayout() {
        Response r = given().header("Accept", BROWSER).contentType("application/x-www-form-urlencoded")
                .formParam("yaml", "#".repeat(1_100_000)).post("/workspaces/1/apply");
        assertThat(r.statusCode()).isEqualTo(413);
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("That was too much to send");
        assertThat(page.select("main [role=alert]").text()).startsWith(
                "What you sent is larger than the platform accepts: the limit is 1 MiB. Nothing was saved.");
        assertLayout(page);
    }

    @Test
    @TestSecurity(user = LEARNER, roles = "learner")
    void aRefusalByQuarkusHttpSecurityIsThe403PageInTheLayoutAndJsonForTheApi() {
        Document page = page(FailingRoutes.INSTRUCTORS_ONLY, 403);
        assertThat(page.select("h1").text()).isEqualTo("Not allowed");
        assertThat(page.select("main [role=alert]").text()).isEqualTo("You are signed in as " + LEARNER
                + ", a learner, and " + FailingRoutes.INSTRUCTORS_ONLY + " is not open to you. If you think it "
                + "should be, ask your instructor or an administrator.");
        assertLayout(page);

        Response api = given().header("Accept", "application/json").get(FailingRoutes.INSTRUCTORS_ONLY);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.contentType()).startsWith("application/json");
        assertThat(api.jsonPath().getString("message")).isEqualTo("forbidden: GET " + FailingRoutes.INSTRUCTORS_ONLY);
    }

    @Test
    @TestSecurity(user = INSTRUCTOR, roles = "instructor")
    void theHttpSecurityGuardedPathOpensForItsRole() {
        Response r = given().header("Accept", BROWSER).get(FailingRoutes.INSTRUCTORS_ONLY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.asString()).isEqualTo("for instructors");
    }

    @Test
    void anAnonymousBrowserIsSentToSignInWhereverItKnocks() {
        // Form login's challenge wherever a browser meets it: a page, a fragment htmx asks for, a path guarded by
        // Quarkus' HTTP security. Never a bare 401; the login page says why (SignInReason).
        for (String path : new String[] {"/labs/fix-wrong-selector", "/playground", "/playground/ready",
                "/workspaces/1/completions?line=kubectl", FailingRoutes.INSTRUCTORS_ONLY}) {
            Response r = given().redirects().follow(false).header("Accept", BROWSER).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.header("Location")).as(path).endsWith("/login");
        }
    }

    /**
     * htmx would follow form login's redirect inside its request and swap the login page into the console: an htmx
     * request gets a 401 whose alert app.js shows in place (the page, and what the learner typed, stay), and the page
     * it came from is kept to return to after signing in, if it is one of this site's.
     */
    @Test
    void anAnonymousHtmxRequestIsToldToSignInWithoutLeavingThePage() {
        String page = "http://localhost:" + io.restassured.RestAssured.port + "/labs/fix-wrong-selector";
        Response htmx = given().redirects().follow(false).header("Accept", "*/*").header("HX-Request", "true")
                .header("HX-Current-URL", page).contentType("application/x-www-form-urlencoded")
                .formParam("command", "kubectl get pods").post("/workspaces/1/console");
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.contentType()).startsWith("text/html");
        assertThat(Jsoup.parse(htmx.asString()).select("[role=alert]").text()).startsWith(
                "Your session has ended, so nothing was done. Sign in again at /login in another tab");
        assertThat(htmx.getCookie(academy.minicluster.web.accounts.SignInReason.REDIRECT_COOKIE)).isEqualTo(page);

        for (String elsewhere : new String[] {"http://evil.example/labs/fix-wrong-selector",
                page + "\"; Path=/x", "http://localhost:" + io.restassured.RestAssured.port + "@evil.example/"}) {
            Response foreign = given().redirects().follow(false).header("HX-Request", "true")
                    .header("HX-Current-URL", elsewhere).get("/playground/ready");
            assertThat(foreign.statusCode()).as(elsewhere).isEqualTo(401);
            assertThat(foreign.getCookie(academy.minicluster.web.accounts.SignInReason.REDIRECT_COOKIE))
                    .as(elsewhere).isNull();
        }
    }

    @Test
    void anAddressOverTheLimitIsThe414PageAndJsonForTheApi() {
        String path = "/course?q=" + "a".repeat(RequestHeadLimits.MAX_REQUEST_LINE);
        Response r = given().redirects().follow(false).header("Accept", BROWSER).urlEncodingEnabled(false).get(path);
        assertThat(r.statusCode()).isEqualTo(414);
        assertThat(r.contentType()).startsWith("text/html");
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("That address is too long");
        int requestLine = "GET ".length() + path.length() + " HTTP/1.1".length();
        assertThat(page.select("main [role=alert]").text()).startsWith("The address is " + requestLine
                + " characters long; the platform reads addresses of up to 4096.");
        assertThat(r.asString()).as("the address is not echoed").doesNotContain("a".repeat(200));
        assertLayout(page);

        Response api = given().header("Accept", "application/json").urlEncodingEnabled(false).get(path);
        assertThat(api.statusCode()).isEqualTo(414);
        assertThat(api.contentType()).startsWith("application/json");
        assertThat(api.jsonPath().getString("error")).isEqualTo("Request-URI Too Long");

        // Within the limit: the page itself.
        assertThat(given().header("Accept", BROWSER).urlEncodingEnabled(false).get("/?q=" + "a".repeat(3000))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void headersOverTheLimitAreThe431PageAndJsonForTheApi() {
        String big = "b".repeat(RequestHeadLimits.MAX_HEADERS);
        Response r = given().redirects().follow(false).header("Accept", BROWSER).header("X-Big", big).get("/");
        assertThat(r.statusCode()).isEqualTo(431);
        assertThat(r.contentType()).startsWith("text/html");
        Document page = Jsoup.parse(r.asString());
        assertThat(page.select("h1").text()).isEqualTo("Too much sent with the request");
        assertThat(page.select("main [role=alert]").text()).contains("; the platform reads up to 20480.")
                .contains("clear this site's cookies");
        assertLayout(page);

        Response api = given().header("Accept", "application/json").header("X-Big", big).get("/api/v1/labs");
        assertThat(api.statusCode()).isEqualTo(431);
        assertThat(api.contentType()).startsWith("application/json");
        assertThat(api.jsonPath().getInt("status")).isEqualTo(431);

        assertThat(given().header("Accept", BROWSER).header("X-Big", "b".repeat(10_000)).get("/").statusCode())
                .as("within the limit").isEqualTo(200);
    }

    @Test
    void theErrorPagesOwnAddressesOpenedDirectlyAre404() {
        assertThat(page("/errors/failed", 404).select("main [role=alert]").text())
                .startsWith("There is no page at /errors/failed.");
    }

    private static Document page(String path, int status) {
        Response r = given().redirects().follow(false).header("Accept", BROWSER).get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(r.contentType()).as(path).startsWith("text/html");
        return Jsoup.parse(r.asString());
    }

    /** The platform's header and footer, as on every page. */
    private static void assertLayout(Document page) {
        assertThat(page.select("header.site-header a.site-name").text()).isEqualTo("Minicluster Academy");
        assertThat(page.select("footer.site-footer")).hasSize(1);
        assertThat(page.select("link[rel=stylesheet], script[src]")).isNotEmpty();
    }
}
