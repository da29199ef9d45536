package academy.minicluster.web.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.security.Form;
import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The key that encrypts form login's cookie. Quarkus takes it from {@code QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY};
 * without it, each process would make up its own, so every restart would sign everyone out and a replica would not
 * know another's cookies. So when the variable is not set, the key is the database's: generated once (256 random
 * bits), stored in {@code platform_secret}, and read by every replica and every restart. The form-login mechanism
 * is built here with that key ({@link HttpSecurity}, before the first request), with the login, error and landing
 * pages, HttpOnly SameSite=Lax cookies and {@code minicluster.session.idle-timeout}; Quarkus refuses to build it from
 * {@code quarkus.http.auth.form.*} as well, so those settings stay unset and its own is off.
 *
 * <p>A stolen copy of this key alone signs nobody in: a session also needs its {@link WebSessions} token, of which
 * the database keeps only hashes.
 */
@ApplicationScoped
public class SessionKey {

    private static final Logger LOG = Logger.getLogger(SessionKey.class);
    static final String NAME = "session-encryption-key";

    /** Where the key came from, for the log and the tests. */
    public enum Source { CONFIGURATION, DATABASE }

    /** Where form login's pages are. */
    static final String LOGIN_PAGE = "/login";
    static final String ERROR_PAGE = "/login?error=true";
    static final String LANDING_PAGE = "/course";

    private final Optional<String> configured;
    private final Duration idleTimeout;
    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private volatile Source source;

    SessionKey(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> configured,
               @ConfigProperty(name = "minicluster.session.idle-timeout", defaultValue = "PT8H") Duration idleTimeout,
               AgroalDataSource dataSource, Flyway flyway) {
        this.configured = configured.filter(k -> !k.isBlank());
        this.idleTimeout = idleTimeout;
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    void useIt(@Observes HttpSecurity security) {
        source = configured.isPresent() ? Source.CONFIGURATION : Source.DATABASE;
        String key = configured.orElseGet(this::stored);
        security.mechanism(Form.builder().loginPage(LOGIN_PAGE).errorPage(ERROR_PAGE).landingPage(LANDING_PAGE)
                .httpOnlyCookie().cookieSameSite(FormAuthConfig.CookieSameSite.LAX).timeout(idleTimeout)
                .encryptionKey(key).build());
        // The same cookie as the mechanism's (name, key, timeout, new-cookie interval, HttpOnly, SameSite, path),
        // for signing a person in without the login form: right after sign-up.
        loginCookies = new PersistentLoginManager(key, COOKIE_NAME, idleTimeout.toMillis(),
                NEW_COOKIE_INTERVAL.toMillis(), true, FormAuthConfig.CookieSameSite.LAX.name(), "/", -1L, null);
        LOG.infof("Form login's cookie key: %s", source == Source.CONFIGURATION
                ? "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"
                : "the database's (platform_secret), shared by every replica");
    }

    /** Form login's cookie name and new-cookie interval: Quarkus' defaults, which the mechanism above keeps. */
    static final String COOKIE_NAME = "quarkus-credential";
    static final Duration NEW_COOKIE_INTERVAL = Duration.ofMinutes(1);

    private volatile PersistentLoginManager loginCookies;

    /**
     * Sets form login's cookie for {@code username} on {@code rc}'s response, as a successful sign-in does (the
     * caller opens the {@link WebSessions} session that goes with it).
     */
    public void signIn(String username, RoutingContext rc) {
        loginCookies.save(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).build(), rc,
                null, false);
    }

    public Source source() {
        return source;
    }

    /** The database's key, created by the first process that asks. */
    public String stored() {
        try {
            return readOrCreate();
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw new IllegalStateException("could not read the session key from the database", e);
            }
        }
        // The table is not there yet: Quarkus builds the security setup before its own Flyway run at start.
        // Migrating here is the same migration (Flyway's lock serialises replicas); Quarkus' run then finds it done.
        flyway.migrate();
        try {
            return readOrCreate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the session key from the database", e);
        }
    }

    private String readOrCreate() throws SQLException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO platform_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
             PreparedStatement select = c.prepareStatement("SELECT value FROM platform_secret WHERE name = ?")) {
            insert.setString(1, NAME);
            insert.setString(2, Base64.getEncoder().encodeToString(bytes));
            insert.executeUpdate();
            select.setString(1, NAME);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
