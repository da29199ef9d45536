package academy.minicluster.web.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Forms;
import academy.minicluster.web.accounts.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminAccountsResourceTest {

    @Test
    void anonymousIsSentToSignIn() {
        Response r = given().redirects().follow(false).get("/admin/accounts");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).endsWith("/login");
    }

    @Test
    @TestSecurity(user = "admin-page-learner", roles = "learner")
    void aLearnerIsForbidden() {
        assertThat(given().get("/admin/accounts").statusCode()).isEqualTo(403);
        assertThat(given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("instructor", "true").post("/admin/accounts/1/instructor").statusCode())
                .isIn(400, 403);
    }

    @Test
    @TestSecurity(user = "admin-page-instructor", roles = "instructor")
    void anInstructorIsForbidden() {
        assertThat(given().get("/admin/accounts").statusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = "admin-page-admin", roles = {"admin", "instructor"})
    void anAdminSeesEveryAccountWithItsRoles() {
        String learner = Forms.uniqueName("listed");
        Forms.ensureAccount(learner, Role.LEARNER);

        Document page = Jsoup.parse(given().get("/admin/accounts").then().statusCode(200).extract().asString());

        assertThat(page.select("h1").text()).isEqualTo("Accounts");
        assertThat(page.select("tr[data-account=" + learner + "] td.roles").text()).isEqualTo("learner");
        // Seen: "Grant instructor"; heard: the same words with whom it is for (axe's label-content-name-mismatch: the
        // accessible name was an aria-label without the visible words).
        assertThat(page.select("tr[data-account=" + learner + "] button").first().ownText())
                .isEqualTo("Grant instructor");
        assertThat(page.select("tr[data-account=" + learner + "] button").text())
                .isEqualTo("Grant instructor role to " + learner);
    }

    @Test
    @TestSecurity(user = "admin-page-admin", roles = {"admin", "instructor"})
    void anAdminGrantsAndRevokesTheInstructorRole() {
        String person = Forms.uniqueName("promoted");
        Forms.ensureAccount(person, Role.LEARNER);
        long id = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(person).orElseThrow().id);

        Response granted = Forms.formPost("/admin/accounts", Map.of()).formParam("instructor", "true")
                .post("/admin/accounts/" + id + "/instructor");
        assertThat(granted.statusCode()).isEqualTo(303);
        assertThat(roles(person)).containsExactlyInAnyOrder(Role.LEARNER, Role.INSTRUCTOR);
        assertThat(Jsoup.parse(given().urlEncodingEnabled(false).get(granted.getHeader("Location")).asString())
                .select("[role=status]").text()).isEqualTo(person + " is now an instructor.");

        Forms.formPost("/admin/accounts", Map.of()).formParam("instructor", "false")
                .post("/admin/accounts/" + id + "/instructor").then().statusCode(303);
        assertThat(roles(person)).containsExactly(Role.LEARNER);
    }

    @Test
    @TestSecurity(user = "admin-page-admin", roles = {"admin", "instructor"})
    void grantingWithoutTheCsrfTokenIsRefused() {
        String person = Forms.uniqueName("csrf");
        Forms.ensureAccount(person, Role.LEARNER);
        long id = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(person).orElseThrow().id);

        int status = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("instructor", "true").post("/admin/accounts/" + id + "/instructor").statusCode();

        assertThat(status).isEqualTo(400);
        assertThat(roles(person)).containsExactly(Role.LEARNER);
    }

    @Test
    @TestSecurity(user = "admin-page-admin", roles = {"admin", "instructor"})
    void anUnknownAccountIsNotFound() {
        assertThat(Forms.formPost("/admin/accounts", Map.of()).formParam("instructor", "true")
                .post("/admin/accounts/987654321/instructor").statusCode()).isEqualTo(404);
    }

    private static java.util.Set<Role> roles(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow().roleSet());
    }
}
