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
import java.util.Optional;

/**
 * Turns a signed-in request's session cookie (form login's encrypted cookie, which names the user) into its identity:
 * the account's roles, read from the {@code account} row at every request as quarkus-security-jpa reads them (so a
 * role granted or revoked counts at once, and a deleted account is signed out), plus the account's id as the
 * identity's {@value #ACCOUNT_ID} attribute. The cookie counts only with the request's session token
 * ({@link WebSessions}): the same statement checks that the session is open and is this user's.
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
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a.id, a.roles FROM web_session s "
                     + "JOIN account a ON a.id = s.account_id "
                     + "WHERE s.token_hash = ? AND a.username = ? AND s.expires_at > now()")) {
            s.setBytes(1, WebSessions.hash(token.get()));
            s.setString(2, username);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AuthenticationFailedException("No open session of " + username);
                }
                return identity(username, rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new AuthenticationFailedException(e);
        }
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
