package academy.minicluster.web.accounts;

import io.agroal.api.AgroalDataSource;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side sessions, so that signing out ends a session for good. Quarkus' form-login cookie is a stateless
 * encrypted token (the username and an expiry): whoever holds a copy could use it until it expires, sign-out or not.
 * So each sign-in also gets a random token in a second cookie, {@value #COOKIE}, whose SHA-256 is a
 * {@code web_session} row; {@link SessionIdentityProvider} accepts the login cookie only with a token whose row
 * exists, belongs to that user and has not expired. Sign-out deletes the row and says so to every replica
 * ({@link SessionNotifications}): both cookies are then dead everywhere at once, even if someone kept copies. The token is never stored, only its hash, so reading the table does not let anyone sign in.
 */
@ApplicationScoped
public class WebSessions {

    /** The session token's cookie (HttpOnly, SameSite=Lax, Secure as {@code guard.SecurityHeaders} decides). */
    public static final String COOKIE = "minicluster-session";

    private static final int TOKEN_BYTES = 32;

    private final AgroalDataSource dataSource;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    private final SessionIdentityProvider checks;

    WebSessions(AgroalDataSource dataSource,
                @ConfigProperty(name = "minicluster.session.lifetime", defaultValue = "P7D") Duration lifetime,
                SessionIdentityProvider checks) {
        this.dataSource = dataSource;
        this.lifetime = lifetime;
        this.checks = checks;
    }

    /** Opens a session for {@code accountId} and sets its cookie on {@code rc}'s response. */
    public void open(long accountId, RoutingContext rc) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement prune = c.prepareStatement("DELETE FROM web_session WHERE expires_at < now()");
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO web_session (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            prune.executeUpdate();
            s.setBytes(1, hash(token));
            s.setLong(2, accountId);
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(now.plus(lifetime)));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not open a session", e);
        }
        rc.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX));
    }

    /** The session token {@code rc}'s request carries, if any. */
    public static Optional<String> token(RoutingContext rc) {
        Cookie cookie = rc == null ? null : rc.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    /** Ends the session of {@code token}: its cookies no longer sign anyone in, here or on another replica. */
    public void close(String token) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM web_session WHERE token_hash = ?")) {
            s.setBytes(1, hash(token));
            s.executeUpdate();
            SessionNotifications.signedOut(c, hash(token));
        } catch (SQLException e) {
            throw new IllegalStateException("could not close a session", e);
        }
        checks.forget(token);
    }

    /** How the table knows a token: its SHA-256. */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
