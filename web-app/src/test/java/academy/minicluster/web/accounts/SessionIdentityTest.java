package academy.minicluster.web.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A signed-in request's identity comes from the session cookie through {@link SessionIdentityProvider}: one query
 * for the roles and the account id, which the pages then use instead of looking the account up again.
 */
@QuarkusTest
class SessionIdentityTest {

    private static final String LESSON = "/course/lessons/services-and-clusterip";
    private static final String FULL_MARKS = "apiVersion: v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n"
            + "  selector:\n    app: hello\n  ports:\n    - port: 80\n      targetPort: 5678\n";

    private static long idOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow().id);
    }

    @Inject
    IdentityProviderManager identities;

    @Test
    void theSessionsIdentityCarriesTheAccountsRoles() {
        String username = Forms.uniqueName("carrier");
        Forms.ensureAccount(username, Role.LEARNER, Role.INSTRUCTOR);
        Map<String, String> session = Forms.signIn(username, Forms.PASSWORD);

        Document course = Jsoup.parse(given().cookies(session).get("/course").asString());

        assertThat(course.select(".signed-in-name").text()).isEqualTo(username);
        assertThat(course.select(".role-badge").text()).isEqualTo("instructor");
    }

    /**
     * A login cookie names its user, but without the session token it came with (a cookie kept after sign-out, or
     * made with a leaked key) it signs nobody in. Until issue 11, a trusted request for an existing username was
     * enough: that was the flaw.
     */
    @Test
    void aTrustedRequestWithoutItsSessionTokenIsRefused() {
        String username = Forms.uniqueName("tokenless");
        Forms.ensureAccount(username, Role.LEARNER);

        assertThatThrownBy(() -> identities.authenticateBlocking(new TrustedAuthenticationRequest(username)))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aSessionForAnAccountThatIsGoneIsRefused() {
        assertThatThrownBy(() -> identities.authenticateBlocking(
                new TrustedAuthenticationRequest(Forms.uniqueName("nobody"))))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aLessonReadWithTheSessionCookieIsRecordedForThatAccount() {
        String username = Forms.uniqueName("reader");
        Forms.ensureAccount(username, Role.LEARNER);
        Map<String, String> session = Forms.signIn(username, Forms.PASSWORD);

        Response page = given().cookies(session).get(LESSON);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(page.asString()).select("form.mark-done button").text()).isEqualTo("Mark as done");
        long id = idOf(username);
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                academy.minicluster.web.course.LessonVisit.hasRead(id, "services-and-clusterip"))).isTrue();
    }

    @Test
    void anAttemptSubmittedWithTheSessionCookieIsStoredForThatAccount() {
        String username = Forms.uniqueName("grader");
        Forms.ensureAccount(username, Role.LEARNER);
        Map<String, String> session = Forms.signIn(username, Forms.PASSWORD);

        Response r = given().cookies(session).contentType("application/json").accept("application/json")
                .body(Map.of("manifests", FULL_MARKS)).post("/api/v1/labs/first-clusterip-service/attempts");

        assertThat(r.statusCode()).isEqualTo(201);
        long attempt = r.jsonPath().getLong("attempt");
        long owner = QuarkusTransaction.requiringNew().call(() ->
                academy.minicluster.web.workspace.LabAttempt.<academy.minicluster.web.workspace.LabAttempt>findById(
                        attempt).accountId);
        assertThat(owner).isEqualTo(idOf(username));
        assertThat(r.jsonPath().getInt("score")).isEqualTo(r.jsonPath().getInt("max"));
    }

    @Test
    void aRoleGrantedAfterSignInCountsAtTheNextRequest() {
        String username = Forms.uniqueName("promoted");
        Forms.ensureAccount(username, Role.LEARNER);
        Map<String, String> session = Forms.signIn(username, Forms.PASSWORD);
        assertThat(given().cookies(session).redirects().follow(false).get("/author/labs").statusCode())
                .isEqualTo(403);

        QuarkusTransaction.requiringNew().run(() -> Account.findByUsername(username).orElseThrow()
                .grant(Role.INSTRUCTOR));

        assertThat(given().cookies(session).redirects().follow(false).get("/author/labs").statusCode())
                .isEqualTo(200);
    }
}
