package academy.minicluster.web.accounts;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.SimplePassword;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every replica at once that a session was signed out or an account's roles changed, so that each may trust a
 * session check it made for long ({@code minicluster.session.cache-ttl}) without a query per request: PostgreSQL's
 * {@code NOTIFY} on channel {@value #CHANNEL}, sent in the transaction that makes the change (so delivered when, and
 * only if, it commits), heard by one {@code LISTEN}ing connection per replica, whose thread forgets the checks
 * concerned ({@link SessionIdentityProvider#forgetTokenHash}, {@link SessionIdentityProvider#forgetAccount}). A
 * notification costs each replica one small message; a session check remembered costs none.
 *
 * <p>While this replica does not listen (starting, or its connection lost: a PostgreSQL restart), it could miss a
 * notification, so {@link #listening()} is false and no check is remembered: every request asks PostgreSQL, as with
 * {@code cache-ttl=0}. When it listens again, every remembered check is forgotten first (one might be of a session
 * signed out while nobody listened).
 *
 * <p>The listening connection must reach PostgreSQL itself (or a session-mode pooler): a transaction-mode pooler
 * (PgBouncer's default for many setups) does not keep {@code LISTEN} across transactions.
 */
@ApplicationScoped
public class SessionNotifications {

    /** The channel: every replica of one database listens on it. */
    static final String CHANNEL = "minicluster_session";
    /** A payload naming a signed-out session: this prefix, then the token's SHA-256 in Base64 (as the table keys it). */
    static final String SIGNED_OUT = "signed-out:";
    /** A payload naming an account whose roles changed: this prefix, then its id. */
    static final String ROLES_CHANGED = "roles-changed:";

    private static final Logger LOG = Logger.getLogger(SessionNotifications.class);
    /** How long one wait for notifications lasts before the thread checks it should stop. */
    private static final int WAIT_MILLIS = 1_000;
    /** Before listening again after the connection was lost (PostgreSQL restarting: its watchdog takes seconds). */
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    @Inject
    AgroalDataSource dataSource;

    private volatile boolean listening;
    private volatile boolean stopping;
    private Thread thread;

    /** Whether this replica hears every notification now, so that a session check may be remembered. */
    public boolean listening() {
        return listening;
    }

    void onStart(@Observes StartupEvent event) {
        thread = new Thread(this::listen, "session-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void listen() {
        while (!stopping) {
            try (Connection c = listeningConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                SessionIdentityProvider.forgetAll();
                listening = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!stopping) {
                    PGNotification[] heard = pg.getNotifications(WAIT_MILLIS);
                    if (heard != null) {
                        for (PGNotification n : heard) {
                            heard(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopping) {
                    LOG.warnf("Not listening to sign-outs and role changes (%s): every request checks its session"
                            + " in PostgreSQL until listening again", e.getMessage());
                }
            } finally {
                listening = false;
                SessionIdentityProvider.forgetAll();
            }
            if (!stopping) {
                try {
                    Thread.sleep(RECONNECT_AFTER.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A connection of its own, not the pool's: it is held for as long as the replica runs, and when PostgreSQL ends it
     * (a restart) it must not go back to the pool, where the next request would get a dead connection (the pool
     * checks only connections idle for a while). Same URL, user and properties (timeouts) as the pool's.
     */
    private Connection listeningConnection() throws SQLException {
        AgroalConnectionFactoryConfiguration factory = dataSource.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        Properties properties = new Properties();
        properties.putAll(factory.jdbcProperties());
        if (factory.principal() != null) {
            properties.setProperty("user", factory.principal().getName());
        }
        for (Object credential : factory.credentials()) {
            if (credential instanceof SimplePassword password) {
                properties.setProperty("password", password.getWord());
            }
        }
        Connection c = new Driver().connect(factory.jdbcUrl(), properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + factory.jdbcUrl());
        }
        return c;
    }

    /** Forgets what a notification names; a payload of another form (none is sent) is ignored. */
    static void heard(String payload) {
        if (payload.startsWith(SIGNED_OUT)) {
            SessionIdentityProvider.forgetTokenHash(payload.substring(SIGNED_OUT.length()));
        } else if (payload.startsWith(ROLES_CHANGED)) {
            try {
                SessionIdentityProvider.forgetAccount(Long.valueOf(payload.substring(ROLES_CHANGED.length())));
            } catch (NumberFormatException e) {
                LOG.warnf("Ignored a session notification with no account id: %s", payload);
            }
        }
    }

    /** Announces, on {@code c} (in its transaction, if any), that the session of {@code tokenHash} was signed out. */
    static void signedOut(Connection c, byte[] tokenHash) throws SQLException {
        notify(c, SIGNED_OUT + Base64.getEncoder().encodeToString(tokenHash));
    }

    /** Announces, in {@code em}'s transaction (delivered when it commits), that an account's roles changed. */
    static void rolesChanged(EntityManager em, long accountId) {
        em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL)
                .setParameter(2, ROLES_CHANGED + accountId).getSingleResult();
    }

    private static void notify(Connection c, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, payload);
            s.execute();
        }
    }
}
