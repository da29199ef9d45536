package academy.minicluster.web.accounts;

import static academy.minicluster.web.accounts.Forms.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountsResourceTest {

    @Test
    void anonymousSeesTheLoginFormPostingToJSecurityCheck() {
        Document page = page("/login");

        assertThat(page.select("h1").text()).isEqualTo("Sign in");
        assertThat(page.select("form").attr("action")).isEqualTo("/j_security_check");
        assertThat(page.select("label[for=j_username]").text()).isEqualTo("Username");
        assertThat(page.select("input#j_password").attr("type")).isEqualTo("password");
    }

    @Test
    void aFailedSignInShowsWhyOnTheLoginPage() {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "nobody-here").formParam("j_password", "wrong password")
                .post("/j_security_check");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).endsWith("/login?error=true");
        assertThat(page("/login?error=true").select("[role=alert]").text())
                .isEqualTo("The username or password is not right. Try again.");
    }

    @Test
    void signUpCreatesALearnerAndSignsThemIn() {
        // Issue 15: sign-up signs the person in (it used to send them to the login form to type it all again).
        String username = Forms.uniqueName("ada");

        Response r = signUp(username, PASSWORD, PASSWORD);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.getHeader("Location")).endsWith("/course");
        Account stored = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow());
        assertThat(stored.roleSet()).containsExactly(Role.LEARNER);
        String page = io.restassured.RestAssured.given().cookies(r.getCookies()).get("/course").asString();
        assertThat(Jsoup.parse(page).select(".signed-in-name").text()).isEqualTo(username);
    }

    @Test
    void anAnonymousVisitorSentToSignInIsToldWhy() {
        Response r = io.restassured.RestAssured.given().redirects().follow(false).get("/labs/fix-wrong-selector");
        assertThat(r.statusCode()).isEqualTo(302);
        String wanted = r.getCookie(SignInReason.REDIRECT_COOKIE);
        assertThat(wanted).as("the page asked for, kept by form login").isNotBlank();

        String login = io.restassured.RestAssured.given().cookie(SignInReason.REDIRECT_COOKIE, wanted).get("/login")
                .asString();

        assertThat(Jsoup.parse(login).select("#sign-in-reason").text()).isEqualTo(
                "Sign in to open /labs/fix-wrong-selector. Each lab runs on a cluster of your own and keeps your "
                        + "attempts, so labs need an account. New here? Create an account: it takes a username and a "
                        + "password, and you come back here after.");
        assertThat(page("/login").select("#sign-in-reason")).isEmpty();
    }

    @Test
    void signUpNamesEveryProblemWithTheForm() {
        Response r = signUp("A", "short", "different");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(r.asString()).select("#signup-errors li").eachText()).containsExactly(
                "The username must be 3 to 40 characters long.",
                "The password must be at least 10 characters long.",
                "The two passwords do not match.");
    }

    @Test
    void signUpRefusesATakenUsername() {
        String username = Forms.uniqueName("grace");
        Forms.ensureAccount(username, Role.LEARNER);

        Response r = signUp(username, PASSWORD, PASSWORD);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(r.asString()).select("#signup-errors li").eachText())
                .containsExactly("The username \"" + username + "\" is already taken: choose another.");
    }

    @Test
    void signUpWithoutTheCsrfTokenIsRefused() {
        String username = Forms.uniqueName("mallory");

        int status = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("password", PASSWORD)
                .formParam("confirmPassword", PASSWORD).post("/signup").statusCode();

        assertThat(status).isEqualTo(400);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username))).isEmpty();
    }

    @Test
    void aSignedInLearnerSeesTheirNameAndRoleInTheHeaderAndCanSignOut() {
        String username = Forms.uniqueName("linus");
        Forms.ensureAccount(username, Role.LEARNER);
        Map<String, String> session = Forms.signIn(username, PASSWORD);

        Document course = Jsoup.parse(given().cookies(session).get("/course").asString());
        assertThat(course.select(".signed-in-name").text()).isEqualTo(username);
        assertThat(course.select(".role-badge").text()).isEqualTo("learner");
        assertThat(course.select("nav[aria-label=Main] a").eachText())
                .containsExactly("Course", "Labs", "Playground", "Join a cohort");

        Response out = Forms.formPost("/course", session).post("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.getDetailedCookie("quarkus-credential").getMaxAge()).isZero();
    }

    @Test
    void logoutWithoutTheCsrfTokenIsRefused() {
        assertThat(given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .post("/logout").statusCode()).isEqualTo(400);
    }

    @Test
    void anonymousHeaderOffersSignIn() {
        Document home = page("/");
        assertThat(home.select("nav[aria-label=Main] a").eachText()).containsExactly("Course", "Labs", "Sign in");
        assertThat(home.select(".signed-in")).isEmpty();
    }

    @Test
    @TestSecurity(user = "header-instructor", roles = "instructor")
    void anInstructorSeesTheInstructorRole() {
        Document home = page("/");
        assertThat(home.select(".role-badge").text()).isEqualTo("instructor");
        assertThat(home.select("nav[aria-label=Main] a").eachAttr("href"))
                .contains("/author/labs", "/cohorts").doesNotContain("/join", "/admin/accounts");
    }

    @Test
    @TestSecurity(user = "header-admin", roles = {"admin", "instructor"})
    void anAdminSeesTheAdminRoleAndTheAccountsLink() {
        Document home = page("/");
        assertThat(home.select(".role-badge").text()).isEqualTo("admin");
        assertThat(home.select("nav[aria-label=Main] a").eachAttr("href")).contains("/admin/accounts");
    }

    @Test
    @TestSecurity(user = "header-learner", roles = "learner")
    void signedInPeopleCanStillOpenTheLoginAndSignUpPages() {
        assertThat(given().get("/login").statusCode()).isEqualTo(200);
        assertThat(given().get("/signup").statusCode()).isEqualTo(200);
    }

    static Response signUp(String username, String password, String confirm) {
        return Forms.formPost("/signup", Map.of()).formParam("username", username).formParam("password", password)
                .formParam("confirmPassword", confirm).post("/signup");
    }

    static Document page(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }
}
