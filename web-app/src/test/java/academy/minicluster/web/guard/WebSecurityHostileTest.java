package academy.minicluster.web.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.CheckResult;
import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Verdict;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.accounts.SessionKey;
import academy.minicluster.web.accounts.WebSessions;
import academy.minicluster.web.authoring.AuthoringTestData;
import academy.minicluster.web.cohorts.Cohort;
import academy.minicluster.web.cohorts.InstructorFixtures;
import academy.minicluster.web.workspace.RevealedHint;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The platform attacked as a hostile instructor, learner and visitor would (issue 11), against the real server and
 * PostgreSQL: author text with XSS payloads on every page that shows it, the security headers on every kind of
 * response, cross-site posts of every content type, sign-out and stolen cookies, password guessing, and JSON of
 * every bad shape.
 */
@QuarkusTest
class WebSecurityHostileTest {

    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=]{24})'");

    @Inject
    AuthoringTestData authoring;

    @Inject
    InstructorFixtures fixtures;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionKey sessionKey;

    /** Sign-in failures made here would throttle every later test's sign-ins from this address. */
    @AfterEach
    void forgetFailedSignIns() throws SQLException {
        update("DELETE FROM sign_in_failure");
    }

    // ---------------------------------------------------------------- stored XSS

    @Test
    void everyPageThatShowsAnAuthorsTextKeepsTheXssPayloadsInert() throws Exception {
        String author = Forms.uniqueName("xss-author");
        String learner = Forms.uniqueName("xss-learner");
        Forms.ensureAccount(author, Role.INSTRUCTOR);
        Forms.ensureAccount(learner, Role.LEARNER);
        String labId = "xss-" + System.nanoTime() % 1_000_000;
        authoring.draft(labId, hostileLab(labId), author);
        authoring.publishTitled(labId, "XSS-VERSION " + Inert.PAYLOADS.get(0), author);
        Map<String, String> authorSession = Forms.signIn(author, Forms.PASSWORD);
        Map<String, String> learnerSession = Forms.signIn(learner, Forms.PASSWORD);

        // The learner reveals every hint, so the lab page shows them all.
        for (int i = 0; i < 3; i++) {
            Forms.Csrf csrf = Forms.csrf("/labs/" + labId, learnerSession);
            Response hint = given().cookies(learnerSession).cookie("csrf-token", csrf.cookie())
                    .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.field())
                    .header("HX-Request", "true").post("/labs/" + labId + "/hints");
            assertThat(hint.statusCode()).isEqualTo(200);
            Inert.assertInert("hints fragment", hint.asString());
        }
        Document lab = Inert.assertInert("/labs/" + labId, page(learnerSession, "/labs/" + labId));
        assertThat(lab.select(".ws-tasks").text()).contains("XSS-TASKS", "<script>window.XSS=1</script>");
        assertThat(lab.select("#hints li")).hasSize(3);
        assertThat(lab.select("#hints").text()).contains("XSS-HINT");
        assertThat(lab.select(".ws-tasks svg, #hints svg, .ws-tasks img[src=x]")).isEmpty();
        assertThat(lab.select("h1").text()).contains("XSS-TITLE");

        // A graded attempt whose checks repeat author text (titles, explanations).
        String result = new ObjectMapper().writeValueAsString(new GradeResult(1, 4, List.of(
                new CheckResult("c1", "XSS-CHECK " + Inert.PAYLOADS.get(1), Verdict.FAIL, 0, 4,
                        "XSS-EXPLANATION " + Inert.PAYLOADS.get(6), "curl " + Inert.PAYLOADS.get(0), List.of())),
                List.of("XSS-ERROR " + Inert.PAYLOADS.get(5))));
        Long attempt = fixtures.attempt(learner, labId, 1, 1, 4, result, Instant.now());
        Document own = Inert.assertInert("own attempt",
                page(learnerSession, "/labs/" + labId + "/attempts/" + attempt));
        assertThat(own.text()).contains("XSS-CHECK", "XSS-EXPLANATION", "XSS-ERROR");

        Cohort cohort = fixtures.cohort("XSS-COHORT " + Inert.PAYLOADS.get(0) + Inert.PAYLOADS.get(10), author);
        fixtures.join(cohort.id, learner);

        Map<String, Function<Document, String>> authorPages = new HashMap<>();
        for (String path : List.of("/author/labs/" + labId + "/preview", "/author/labs/" + labId + "/edit",
                "/author/labs", "/author/labs/new", "/author/labs/" + labId + "/versions/1", "/cohorts",
                "/cohorts/" + cohort.id + "/gradebook", "/cohorts/" + cohort.id + "/attempts/" + attempt,
                "/course", "/")) {
            Document d = Inert.assertInert(path, page(authorSession, path));
            assertThat(d.select("main svg:not(.topology):not(.trace)")).as(path).isEmpty();
        }
        Document preview = Jsoup.parse(page(authorSession, "/author/labs/" + labId + "/preview"));
        assertThat(preview.text()).contains("XSS-TASKS", "XSS-HINT", "XSS-SUMMARY");
        assertThat(Jsoup.parse(page(authorSession, "/cohorts")).text()).contains("XSS-COHORT");
        assertThat(Jsoup.parse(page(authorSession, "/cohorts/" + cohort.id + "/attempts/" + attempt)).text())
                .contains("XSS-CHECK", "XSS-EXPLANATION");

        // Author text also leaves as JSON and CSV: typed so that no browser takes it for a page.
        Response json = given().cookies(learnerSession).get("/api/v1/labs/" + labId);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Response csv = given().cookies(authorSession).get("/cohorts/" + cohort.id + "/gradebook.csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /** The starter lab with every author-written field holding the payloads. */
    private String hostileLab(String labId) {
        String starter = authoring.starter();
        String tasks = "tasks: |\n  XSS-TASKS\n\n" + Inert.PAYLOADS.stream().map(p -> "  " + p)
                .collect(Collectors.joining("\n\n")) + "\n";
        String hints = "hints:\n"
                + "  - |\n    XSS-HINT " + Inert.PAYLOADS.get(0) + "\n"
                + "  - |\n    " + Inert.PAYLOADS.get(2) + " " + Inert.PAYLOADS.get(1) + "\n"
                + "  - |\n    " + Inert.PAYLOADS.get(6) + "\n";
        String yaml = starter.replace("id: my-first-lab", "id: " + labId)
                .replaceFirst("title: .*", "title: 'XSS-TITLE " + Inert.PAYLOADS.get(10).replace("'", "''") + "'");
        int summary = yaml.indexOf("summary:");
        int difficulty = yaml.indexOf("difficulty:");
        yaml = yaml.substring(0, summary) + "summary: 'XSS-SUMMARY " + Inert.PAYLOADS.get(1).replace("'", "''")
                + "'\n" + yaml.substring(difficulty);
        int taskStart = yaml.indexOf("tasks: |");
        int solutions = yaml.indexOf("solutions:");
        return yaml.substring(0, taskStart) + tasks + hints + yaml.substring(solutions);
    }

    // ---------------------------------------------------------------- headers

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        Map<String, String> learner = signedInLearner();
        List<Response> responses = List.of(
                given().get("/"), given().get("/course"), given().get("/login"),
                given().redirects().follow(false).get("/labs/first-clusterip-service"),
                given().cookies(learner).get("/labs/first-clusterip-service"),
                given().get("/api/v1/labs"), given().get("/q/health/live"), given().get("/favicon.svg"),
                given().get("/no-such-page"),
                given().contentType("application/json").body("{").post("/api/v1/simulations"),
                given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                        .formParam("j_username", "nobody-here").formParam("j_password", "wrong")
                        .post("/j_security_check"));
        for (Response r : responses) {
            String policy = r.header("Content-Security-Policy");
            Matcher nonce = NONCE.matcher(String.valueOf(policy));
            assertThat(nonce.find()).as(r.statusLine() + ": " + policy).isTrue();
            assertThat(policy).isEqualTo(SecurityHeaders.policy(nonce.group(1)));
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
        }
        assertThat(SecurityHeaders.policy("n")).contains("script-src 'self';", "object-src 'none'", "base-uri 'none'",
                "frame-ancestors 'none'", "form-action 'self'", "style-src 'self' 'nonce-n';")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        // The style nonce is new at each request, and the page hands CodeMirror the one its header names.
        Response first = given().get("/course");
        Response second = given().get("/course");
        Matcher one = NONCE.matcher(first.header("Content-Security-Policy"));
        Matcher two = NONCE.matcher(second.header("Content-Security-Policy"));
        assertThat(one.find() && two.find()).isTrue();
        assertThat(one.group(1)).isNotEqualTo(two.group(1));
        assertThat(Jsoup.parse(first.asString()).select("meta[name=csp-nonce]").attr("content"))
                .isEqualTo(one.group(1));
    }

    @Test
    void theTemplatesCarryNoInlineScriptOrStyle() {
        Map<String, String> learner = signedInLearner();
        for (String path : List.of("/", "/course", "/login", "/signup", "/playground",
                "/labs/first-clusterip-service", "/playground?lesson=services-and-clusterip&snippet=1")) {
            Document d = Inert.assertInert(path, page(learner, path));
            assertThat(d.select("style, [style]")).as(path).isEmpty();
            assertThat(d.select("[hx-on], [hx-vals^=js:], [hx-vars]")).as(path).isEmpty();
        }
    }

    @Test
    void cookiesAreNotSecureOverPlainHttpByDefaultButAreBehindAnHttpsRequest() {
        assertThat(SecurityHeaders.withSecure("a=b; Path=/; HTTPOnly")).isEqualTo("a=b; Path=/; HTTPOnly; Secure");
        assertThat(SecurityHeaders.withSecure("a=b; Secure; Path=/")).isEqualTo("a=b; Secure; Path=/");
        assertThat(SecurityHeaders.CookieSecurity.ALWAYS_SECURE.secure(false)).isTrue();
        assertThat(SecurityHeaders.CookieSecurity.SECURE_OVER_HTTPS.secure(false)).isFalse();
        assertThat(SecurityHeaders.CookieSecurity.SECURE_OVER_HTTPS.secure(true)).isTrue();
        String name = Forms.uniqueName("plain");
        Forms.ensureAccount(name, Role.LEARNER);
        Response r = login(name, Forms.PASSWORD);
        assertThat(r.getDetailedCookie("quarkus-credential").isSecured()).isFalse();
        assertThat(r.getDetailedCookie(WebSessions.COOKIE).isHttpOnly()).isTrue();
    }

    // ---------------------------------------------------------------- CSRF, every content type

    @Test
    void crossSitePostsOfEveryContentTypeChangeNothing() throws SQLException {
        Map<String, String> learner = signedInLearner();
        long me = accountId(learner);
        String lab = "first-clusterip-service";
        Forms.Csrf csrf = Forms.csrf("/labs/" + lab, learner);
        Map<String, String> cookies = new HashMap<>(learner);
        cookies.put("csrf-token", csrf.cookie());
        long attemptsBefore = count("SELECT count(*) FROM attempt WHERE account_id = " + me);
        long workspacesBefore = count("SELECT count(*) FROM workspace WHERE account_id = " + me);

        for (String path : List.of("/labs/" + lab + "/check", "/labs/" + lab + "/hints", "/labs/" + lab + "/reset",
                "/logout")) {
            for (Function<RequestSpecification, RequestSpecification> forged : forgeries()) {
                Response r = forged.apply(given().redirects().follow(false).cookies(cookies)).post(path);
                assertThat(r.statusCode()).as("%s %s", path, r.asString()).isIn(400, 403);
            }
        }
        assertThat(RevealedHint.revealedCount(me, lab)).isZero();
        assertThat(count("SELECT count(*) FROM attempt WHERE account_id = " + me)).isEqualTo(attemptsBefore);
        assertThat(count("SELECT count(*) FROM workspace WHERE account_id = " + me)).isEqualTo(workspacesBefore);
        // Still signed in: no forged logout went through.
        assertThat(given().cookies(learner).redirects().follow(false).get("/labs/" + lab).statusCode())
                .isEqualTo(200);

        // The same posts from the page itself, with its token, work.
        Response check = given().redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.field())
                .post("/labs/" + lab + "/check");
        assertThat(check.statusCode()).isEqualTo(303);
    }

    @Test
    void anAdminsRoleChangeCannotBeForgedWithAnyContentType() {
        String admin = Forms.uniqueName("csrf-admin");
        String target = Forms.uniqueName("csrf-target");
        Forms.ensureAccount(admin, Role.ADMIN, Role.INSTRUCTOR);
        Forms.ensureAccount(target, Role.LEARNER);
        long targetId = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(target).orElseThrow().id);
        Map<String, String> session = Forms.signIn(admin, Forms.PASSWORD);
        Forms.Csrf csrf = Forms.csrf("/admin/accounts", session);
        Map<String, String> cookies = new HashMap<>(session);
        cookies.put("csrf-token", csrf.cookie());
        String path = "/admin/accounts/" + targetId + "/instructor";
        for (Function<RequestSpecification, RequestSpecification> forged : forgeries()) {
            Response r = forged.apply(given().redirects().follow(false).cookies(cookies)).post(path);
            assertThat(r.statusCode()).as(r.asString()).isIn(400, 403);
        }
        Response text = given().redirects().follow(false).cookies(cookies).contentType("text/plain")
                .body(bytes("instructor=true")).post(path);
        assertThat(text.statusCode()).isEqualTo(403);
        assertThat(text.asString()).contains("Request refused");
        assertThat(roles(target)).isEqualTo("learner");

        Response granted = given().redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf.field())
                .formParam("instructor", "true").post(path);
        assertThat(granted.statusCode()).isEqualTo(303);
        assertThat(roles(target)).isEqualTo("learner,instructor");
    }

    /** A post as another site's page can make it, each way a browser lets it. */
    private static List<Function<RequestSpecification, RequestSpecification>> forgeries() {
        return List.of(
                r -> r.contentType("text/plain").body(bytes("instructor=true&csrf-token=x")),
                r -> r.contentType("text/plain;charset=UTF-8").body(bytes("{\"instructor\":true}")),
                r -> r,
                r -> r.body(new byte[0]),
                r -> r.contentType("multipart/form-data").multiPart("instructor", "true"),
                r -> r.contentType("application/x-www-form-urlencoded").formParam("instructor", "true"),
                r -> r.contentType("application/x-www-form-urlencoded").formParam("instructor", "true")
                        .formParam("csrf-token", "forged").header("Sec-Fetch-Site", "cross-site"),
                r -> r.contentType("application/json").body(bytes("{}")).header("Origin", "https://evil.example"),
                r -> r.contentType("application/json").body(bytes("{}")).header("Sec-Fetch-Site", "cross-site"),
                r -> r.contentType("application/json").body(bytes("{}")).header("Origin", "null"),
                r -> r.contentType("application/octet-stream").body(bytes("instructor=true")));
    }

    /**
     * A body as bytes: RestAssured re-encodes a String body by its content type (and, for a large one, runs out of
     * heap doing so); bytes go out as they are.
     */
    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonApiClientsWithASessionCookieNeedJsonFromThisSiteOrTheToken() {
        Map<String, String> learner = signedInLearner();
        Response plain = given().cookies(learner).contentType("application/json").body("{}")
                .post("/api/v1/playgrounds");
        assertThat(plain.statusCode()).isEqualTo(201);
        Response sameOrigin = given().cookies(learner).contentType("application/json").body("{}")
                .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .header("Sec-Fetch-Site", "same-origin").post("/api/v1/playgrounds");
        assertThat(sameOrigin.statusCode()).isEqualTo(201);
        Response text = given().cookies(learner).contentType("text/plain").body(bytes("{}"))
                .post("/api/v1/playgrounds");
        assertThat(text.statusCode()).isEqualTo(403);
        assertThat(text.contentType()).startsWith("application/json");
        assertThat(text.jsonPath().getString("message")).startsWith("cross-site request refused");
        // Without a session cookie there is nothing to borrow: the anonymous API is unchanged.
        Response anonymous = given().contentType("application/json").body("{\"commands\":[\"kubectl get ns\"]}")
                .post("/api/v1/simulations");
        assertThat(anonymous.statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- sessions and sign-in

    @Test
    void signingOutEndsTheSessionEvenForCopiesOfItsCookies() {
        Map<String, String> stolen = signedInLearner();
        assertThat(given().cookies(stolen).get("/api/v1/attempts/0").statusCode()).isEqualTo(404);

        Response out = Forms.formPost("/course", stolen).post("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.getDetailedCookie(WebSessions.COOKIE).getMaxAge()).isZero();

        Response api = given().cookies(stolen).get("/api/v1/attempts/0");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.jsonPath().getInt("status")).isEqualTo(401);
        Response lab = given().cookies(stolen).redirects().follow(false).get("/labs/first-clusterip-service");
        assertThat(lab.statusCode()).isEqualTo(302);
        assertThat(lab.header("Location")).endsWith("/login");
        Response htmx = given().cookies(stolen).redirects().follow(false).header("HX-Request", "true")
                .get("/playground/ready");
        assertThat(htmx.statusCode()).as("htmx is told in place, not redirected").isEqualTo(401);
        assertThat(htmx.getDetailedCookie(WebSessions.COOKIE).getMaxAge()).isZero();
        // The login cookie alone (without its session token) signs nobody in either.
        Map<String, String> fresh = signedInLearner();
        assertThat(given().cookie("quarkus-credential", fresh.get("quarkus-credential"))
                .get("/api/v1/attempts/0").statusCode()).isEqualTo(401);
    }

    @Test
    void theSessionKeyIsTheDatabasesSoRestartsAndReplicasShareIt() throws SQLException {
        assertThat(sessionKey.source()).isEqualTo(SessionKey.Source.DATABASE);
        String stored;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT value FROM platform_secret WHERE name = 'session-encryption-key'");
             ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).isTrue();
            stored = rs.getString(1);
        }
        // Asked again (a restart, another replica): the same key, not a new one.
        assertThat(sessionKey.stored()).isEqualTo(stored);
        assertThat(java.util.Base64.getDecoder().decode(stored)).hasSize(32);
    }

    @Test
    void guessingPasswordsIsThrottledPerAccountWithoutTellingWhichAccountsExist() {
        String real = Forms.uniqueName("guessed");
        Forms.ensureAccount(real, Role.LEARNER);
        String invented = Forms.uniqueName("nobody");
        for (String name : List.of(real, invented)) {
            for (int i = 0; i < 5; i++) {
                Response wrong = login(name, "wrong password " + i);
                assertThat(wrong.statusCode()).isEqualTo(302);
                assertThat(wrong.header("Location")).endsWith("/login?error=true");
            }
        }
        Response realThrottled = login(real, Forms.PASSWORD);
        Response inventedThrottled = login(invented, Forms.PASSWORD);
        for (Response r : List.of(realThrottled, inventedThrottled)) {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 15L * 60);
            assertThat(r.getCookie("quarkus-credential")).isNull();
            assertThat(Jsoup.parse(r.asString()).select("[role=alert]").text())
                    .startsWith("Too many sign-ins failed for this username or from this address.");
        }
        assertThat(realThrottled.asString()).isEqualTo(inventedThrottled.asString());
        // Another account from the same address may still sign in (the address limit is higher).
        String other = Forms.uniqueName("other");
        Forms.ensureAccount(other, Role.LEARNER);
        assertThat(login(other, Forms.PASSWORD).getCookie("quarkus-credential")).isNotBlank();
    }

    @Test
    void guessingFromOneAddressIsThrottledAcrossUsernames() {
        for (int i = 0; i < 20; i++) {
            assertThat(login(Forms.uniqueName("spray"), "wrong").statusCode()).isEqualTo(302);
        }
        String name = Forms.uniqueName("sprayed");
        Forms.ensureAccount(name, Role.LEARNER);
        assertThat(login(name, Forms.PASSWORD).statusCode()).isEqualTo(429);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badJsonOfAnyShapeIs400WithAJsonMessageNever500() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObject = "{\"profile\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";
        String bigNumber = "{\"seed\":" + "9".repeat(100_000) + "}";
        List<String> bodies = List.of(deep, deepObject, bigNumber, "{\"seed\":1e400000}", "null", "[]", "\"x\"",
                "{\"commands\":\"kubectl get pods\"}", "{\"commands\":[1,2]}", "{\"seed\":\"one\"}",
                "{\"profile\":\"default\"} trailing garbage", "{\"profile\":\"default\"}{}", "{\"profile\":",
                "{\"profile\":\"de\u0000fault\"}", "{\"profile\"\u0000:\"default\"}", "\u0000", "",
                "{\"profile\":null,\"seed\":null,\"manifests\":null,\"commands\":[null]}");
        for (String body : bodies) {
            Response r = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/simulations");
            String shown = body.length() > 60 ? body.substring(0, 60) + "…" : body;
            assertThat(r.statusCode()).as(shown + " → " + r.asString()).isEqualTo(400);
            assertThat(r.contentType()).as(shown).startsWith("application/json");
            assertThat(r.jsonPath().getString("message")).as(shown).isNotBlank();
        }
        Map<String, String> learner = signedInLearner();
        for (String body : List.of(deep, bigNumber, "{\"profile\":{}}", "{\"profile\":\"default\"} x", "{",
                "{\"seed\":\"x\"}")) {
            Response r = given().cookies(learner).contentType("application/json")
                    .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/playgrounds");
            String shown = body.length() > 60 ? body.substring(0, 60) + "…" : body;
            assertThat(r.statusCode()).as(shown + " → " + r.asString()).isEqualTo(400);
            assertThat(r.contentType()).as(shown).startsWith("application/json");
            assertThat(r.jsonPath().getString("message")).as(shown).isNotBlank();
        }
    }

    @Test
    void aNulByteInAConsoleCommandIsRefusedInBashsWords() {
        Map<String, String> learner = signedInLearner();
        long workspace = given().cookies(learner).contentType("application/json").body("{}")
                .post("/api/v1/playgrounds").jsonPath().getLong("id");
        Response api = given().cookies(learner).contentType("application/json")
                .body("{\"command\":\"kubectl get\\u0000 pods\"}")
                .post("/api/v1/playgrounds/" + workspace + "/commands");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.jsonPath().getInt("exitCode")).isEqualTo(126);
        assertThat(api.jsonPath().getString("stderr"))
                .isEqualTo("bash: cannot execute binary file: the command line contains a NUL byte (\\0)\n");

        Forms.Csrf csrf = Forms.csrf("/playground", learner);
        long playground = Long.parseLong(Jsoup.parse(page(learner, "/playground")).select("[data-workspace]")
                .attr("data-workspace"));
        Response console = given().cookies(learner).cookie("csrf-token", csrf.cookie()).header("HX-Request", "true")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", csrf.field()).formParam("command", "kubectl get\u0000 pods")
                .post("/workspaces/" + playground + "/console");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(console.asString()).text()).contains("bash: cannot execute binary file");
    }

    @Test
    void anonymousApiCallsGet401WithJsonAndPagesStillRedirect() {
        for (Response r : List.of(given().get("/api/v1/attempts/1"),
                given().contentType("application/json").body("{}").post("/api/v1/playgrounds"),
                given().contentType("application/json").body("{\"manifests\":\"x\"}")
                        .post("/api/v1/labs/first-clusterip-service/attempts"))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.jsonPath().getString("message")).startsWith("authentication required");
        }
        Response page = given().redirects().follow(false).get("/labs/first-clusterip-service");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> signedInLearner() {
        String name = Forms.uniqueName("hostile");
        Forms.ensureAccount(name, Role.LEARNER);
        return Forms.signIn(name, Forms.PASSWORD);
    }

    private static Response login(String username, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username).formParam("j_password", password).post("/j_security_check");
    }

    private static String page(Map<String, String> session, String path) {
        Response r = given().cookies(session).redirects().follow(false).get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.asString();
    }

    private long accountId(Map<String, String> session) {
        String name = Jsoup.parse(page(session, "/course")).select(".signed-in-name").text();
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(name).orElseThrow().id);
    }

    private static String roles(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow().roles);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }
}
