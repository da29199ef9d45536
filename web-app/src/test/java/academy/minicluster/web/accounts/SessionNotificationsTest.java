package academy.minicluster.web.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica trusts a session check it made for {@code minicluster.session.cache-ttl} (5 min), and a sign-out or a
 * role change made by another replica still counts here at once: the other replica's {@code NOTIFY} is heard by this
 * one's listener. "Another replica" is played by a plain connection to the same database doing what a replica does.
 */
@QuarkusTest
class SessionNotificationsTest {

    /** Signed in: an attempt that does not exist is 404; signed out: 401. */
    private static final String PROBE = "/api/v1/attempts/0";
    /** The notification crosses PostgreSQL and a thread: generous, for a loaded machine; polled, never slept out. */
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SessionNotifications notifications;

    @BeforeEach
    void listening() {
        assertThat(eventually(notifications::listening)).as("the replica listens for sign-outs").isTrue();
    }

    @Test
    void aSignOutOnAnotherReplicaEndsTheSessionHere() throws SQLException {
        Map<String, String> session = signedInLearner("elsewhere");
        assertThat(given().cookies(session).get(PROBE).statusCode()).isEqualTo(404);

        byte[] hash = WebSessions.hash(session.get(WebSessions.COOKIE));
        try (Connection c = dataSource.getConnection()) {
            delete(c, hash);
            SessionNotifications.signedOut(c, hash);
        }

        assertThat(eventually(() -> given().cookies(session).get(PROBE).statusCode() == 401))
                .as("signed out here too, long before the check's 5 minutes are up").isTrue();
    }

    /**
     * The control of the test above: the same session row deleted with no notification (by hand, in psql) still
     * signs in here while the check is remembered. So the check really is not read again per request, and the
     * notification is what ended the session above.
     */
    @Test
    void aRowDeletedWithoutANotificationCountsOnlyWhenTheCheckIsReadAgain() throws SQLException {
        Map<String, String> session = signedInLearner("by-hand");
        assertThat(given().cookies(session).get(PROBE).statusCode()).isEqualTo(404);

        try (Connection c = dataSource.getConnection()) {
            delete(c, WebSessions.hash(session.get(WebSessions.COOKIE)));
        }

        assertThat(given().cookies(session).get(PROBE).statusCode()).isEqualTo(404);
        // A notification naming some other session changes nothing for this one.
        SessionNotifications.heard(SessionNotifications.SIGNED_OUT + "c29tZSBvdGhlciBzZXNzaW9u");
        assertThat(given().cookies(session).get(PROBE).statusCode()).isEqualTo(404);
        SessionIdentityProvider.forgetAll();
        assertThat(given().cookies(session).get(PROBE).statusCode()).isEqualTo(401);
    }

    @Test
    void aRoleGrantedOnAnotherReplicaCountsHereAtOnce() throws SQLException {
        String username = Forms.uniqueName("promoted");
        Forms.ensureAccount(username, Role.LEARNER);
        Map<String, String> session = Forms.signIn(username, Forms.PASSWORD);
        assertThat(given().cookies(session).redirects().follow(false).get("/author/labs").statusCode())
                .isEqualTo(403);

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE account SET roles = 'learner,instructor'"
                     + " WHERE username = ? RETURNING id")) {
            c.setAutoCommit(false);
            s.setString(1, username);
            var rs = s.executeQuery();
            rs.next();
            try (PreparedStatement n = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                n.setString(1, SessionNotifications.CHANNEL);
                n.setString(2, SessionNotifications.ROLES_CHANGED + rs.getLong(1));
                n.execute();
            }
            c.commit();
            c.setAutoCommit(true);
        }

        assertThat(eventually(() -> given().cookies(session).redirects().follow(false).get("/author/labs")
                .statusCode() == 200)).as("an instructor now, on this replica too").isTrue();
    }

    private static Map<String, String> signedInLearner(String prefix) {
        String username = Forms.uniqueName(prefix);
        Forms.ensureAccount(username, Role.LEARNER);
        return Forms.signIn(username, Forms.PASSWORD);
    }

    private static void delete(Connection c, byte[] tokenHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM web_session WHERE token_hash = ?")) {
            s.setBytes(1, tokenHash);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    /** Whether {@code condition} holds within {@link #DELIVERY}, asked again every 50 ms. */
    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
