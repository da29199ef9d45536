package academy.minicluster.web.accounts;

import static academy.minicluster.web.accounts.Forms.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first admin: created with the one-time token from the server log, then the link is dead. */
@QuarkusTest
class SetupResourceTest {

    @Inject
    AdminBootstrap bootstrap;

    @Test
    void withoutTheTokenTheSetupPageDoesNotExist() {
        assertThat(given().get("/setup").statusCode()).isEqualTo(404);
        assertThat(given().get("/setup?token=guessed").statusCode()).isEqualTo(404);
    }

    @Test
    void theTokenCreatesTheFirstAdminOnceAndThenStopsWorking() {
        // The test database is shared by every test: start from "no admin yet", as a fresh platform does.
        QuarkusTransaction.requiringNew().run(() -> Account.getEntityManager()
                .createNativeQuery("UPDATE account SET roles = 'learner' WHERE roles LIKE '%admin%'").executeUpdate());
        String token = bootstrap.issueToken();
        String admin = Forms.uniqueName("root");

        assertThat(given().get("/setup?token=" + token).statusCode()).isEqualTo(200);
        Response created = Forms.formPost("/setup?token=" + token, Map.of()).formParam("token", token)
                .formParam("username", admin).formParam("password", PASSWORD)
                .formParam("confirmPassword", PASSWORD).post("/setup");

        assertThat(created.statusCode()).isEqualTo(303);
        Account stored = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(admin).orElseThrow());
        assertThat(stored.roleSet()).containsExactlyInAnyOrder(Role.ADMIN, Role.INSTRUCTOR);
        assertThat(given().get("/setup?token=" + token).statusCode()).isEqualTo(404);
        assertThat(given().cookies(Forms.signIn(admin, PASSWORD)).get("/admin/accounts").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongTokenCreatesNothing() {
        String intruder = Forms.uniqueName("intruder");
        bootstrap.issueToken();

        Response r = Forms.formPost("/signup", Map.of()).formParam("token", "not-the-token")
                .formParam("username", intruder).formParam("password", PASSWORD)
                .formParam("confirmPassword", PASSWORD).post("/setup");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(intruder))).isEmpty();
    }
}
