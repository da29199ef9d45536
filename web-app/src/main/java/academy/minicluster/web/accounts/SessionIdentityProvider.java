package academy.minicluster.web.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a signed-in request's session cookie (form login's encrypted cookie, which names the user) into its identity:
 * the account's roles, read from the {@code account} row at every request as quarkus-security-jpa reads them (so a
 * role granted or revoked counts at once, and a deleted account is signed out), plus the account's id as the
 * identity's {@value #ACCOUNT_ID} attribute. The cookie counts only with the request's session token
 * ({@link WebSessions}): the same statement checks that the session is open and is this user's.
 *
 * <p>A check found open is trusted for {@code minicluster.session.cache-ttl} (5 min) before it is read again, so a
 * learner's requests do not each cost a query (a learner sends one every ~7 s): a sign-out or a role change, on any
 * replica, reaches every replica's checks when it commits ({@link SessionNotifications}); while a replica cannot hear
 * them, it remembers no check.
 *
 * <p>Why not quarkus-security-jpa's own trusted provider: it loads the whole entity through a Hibernate session to
 * get the roles, and then every page and endpoint that needs "whose is this" ({@code Viewer},
 * {@code Workspaces.me()}, {@code CurrentAccount}) queried the same row again for its id: two queries per request
 * where one is enough. This reads id and roles with one plain JDBC statement. It runs before security-jpa's
 * provider (higher priority); security-jpa still checks passwords at sign-in ({@code j_security_check}).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    /** The identity attribute that holds the account's id (a {@link Long}). */
    public static final String ACCOUNT_ID = "minicluster.account-id";

    @Inject
    AgroalDataSource dataSource;

    /**
     * How long a session check, once read from PostgreSQL, is trusted without asking again
     * ({@code minicluster.session.cache-ttl}, default 5 min; 0 asks at every request). Sign-outs and role changes
     * reach every replica's remembered checks when they commit ({@link SessionNotifications}), so this bounds only
     * what no notification announces: a {@code web_session} row deleted by hand.
     */
    @ConfigProperty(name = "minicluster.session.cache-ttl", defaultValue = "PT5M")
    Duration cacheTtl;

    @Inject
    SessionNotifications notifications;

    /** A session check's key: the token's hash (as the table keys it) and the username the login cookie names. */
    private record Checked(String tokenHash, String username) {
    }

    /** What the check found, and until when ({@link System#nanoTime()}) it may be reused. */
    private record Found(long accountId, String roles, long until) {
    }

    /** Bound on remembered checks; past it the expired ones go, and if that is not enough, all. */
    private static final int MAX_REMEMBERED = 100_000;

    /** One per server (the provider is application-scoped), static so that {@link Account}'s role changes reach it. */
    private static final ConcurrentHashMap<Checked, Found> recent = new ConcurrentHashMap<>();
    /**
     * How many times checks were forgotten: a check read while this changed (a sign-out heard between the read and
     * remembering it) is not remembered, lest it outlive the sign-out that was just applied.
     */
    private static final AtomicLong forgets = new AtomicLong();

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    /**
     * Before quarkus-security-jpa's trusted provider, which is then not asked: providers are asked highest priority
     * first, and security-jpa's has the default ({@code IdentityProvider.priority()}, 1001).
     */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        Optional<String> token = WebSessions.token(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> identity(request.getPrincipal(), token));
    }

    /**
     * The identity of {@code username} when {@code token} names an open session of theirs (see {@link WebSessions}:
     * without it, a login cookie alone, as kept from before a sign-out, signs nobody in).
     */
    private SecurityIdentity identity(String username, Optional<String> token) {
        if (token.isEmpty()) {
            throw new AuthenticationFailedException("No session token for " + username);
        }
        byte[] hash = WebSessions.hash(token.get());
        Checked key = new Checked(Base64.getEncoder().encodeToString(hash), username);
        long now = System.nanoTime();
        long forgotten = forgets.get();
        Found found = recent.get(key);
        if (found != null && now - found.until() < 0) {
            return identity(username, found.accountId(), found.roles());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a.id, a.roles,"
                     + " extract(epoch FROM s.expires_at - now()) FROM web_session s "
                     + "JOIN account a ON a.id = s.account_id "
                     + "WHERE s.token_hash = ? AND a.username = ? AND s.expires_at > now()")) {
            s.setBytes(1, hash);
            s.setString(2, username);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    recent.remove(key);
                    throw new AuthenticationFailedException("No open session of " + username);
                }
                remember(key, new Found(rs.getLong(1), rs.getString(2), now + Math.min(cacheTtl.toNanos(),
                        (long) (rs.getDouble(3) * 1e9))), forgotten);
                return identity(username, rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new AuthenticationFailedException(e);
        }
    }

    /** Remembers a check read when {@link #forgets} was {@code forgotten}, if it is still and this replica listens. */
    private void remember(Checked key, Found found, long forgotten) {
        if (cacheTtl.isZero() || cacheTtl.isNegative() || !notifications.listening()) {
            return;
        }
        if (recent.size() >= MAX_REMEMBERED) {
            long now = System.nanoTime();
            recent.values().removeIf(f -> now - f.until() >= 0);
            if (recent.size() >= MAX_REMEMBERED) {
                recent.clear();
            }
        }
        recent.put(key, found);
        if (forgets.get() != forgotten) {
            // A forget ran since the read: it may have been of this very session; keep nothing.
            recent.remove(key, found);
        }
    }

    /** Forgets the check of the session {@code token} (it was signed out): its cookies stop working here at once. */
    public void forget(String token) {
        forgetTokenHash(Base64.getEncoder().encodeToString(WebSessions.hash(token)));
    }

    /** Forgets the check of the session whose token's SHA-256 is {@code hash} (Base64). */
    static void forgetTokenHash(String hash) {
        forgets.incrementAndGet();
        recent.keySet().removeIf(k -> k.tokenHash().equals(hash));
    }

    /** Forgets every session check of an account (its roles changed): the next request reads them again. */
    static void forgetAccount(Long accountId) {
        if (accountId != null) {
            forgets.incrementAndGet();
            recent.values().removeIf(f -> f.accountId() == accountId);
        }
    }

    /** Forgets every check (this replica may have missed a notification). */
    static void forgetAll() {
        forgets.incrementAndGet();
        recent.clear();
    }

    /** The identity of an account: its name, its id as {@value #ACCOUNT_ID}, its roles (as read from the row). */
    static SecurityIdentity identity(String username, long accountId, String roles) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addAttribute(ACCOUNT_ID, accountId);
        // As quarkus-security-jpa reads a roles column: comma separated, each trimmed.
        for (String role : roles.split(",")) {
            if (!role.isBlank()) {
                b.addRole(role.trim());
            }
        }
        return b.build();
    }

    /** The account id the identity carries, when it came from a session cookie through this provider. */
    public static Optional<Long> accountId(SecurityIdentity identity) {
        Object id = identity == null || identity.isAnonymous() ? null : identity.getAttribute(ACCOUNT_ID);
        return id instanceof Long l ? Optional.of(l) : Optional.empty();
    }
}
