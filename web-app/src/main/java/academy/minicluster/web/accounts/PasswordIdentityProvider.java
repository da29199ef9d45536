package academy.minicluster.web.accounts;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a sign-in's password ({@code /j_security_check}), throttled ({@link SignInThrottle}), and opens the
 * server-side session ({@link WebSessions}) that the session cookie is then accepted with. It runs before
 * quarkus-security-jpa's own password provider (higher priority), which is then not asked: every outcome here is an
 * identity or a failure. The password is checked against the same bcrypt hash security-jpa reads ({@link Account}).
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** bcrypt of a password nobody has: an unknown username costs the same time as a wrong password. */
    private static final String NO_ACCOUNT_HASH = BcryptUtil.bcryptHash("no such account", Account.BCRYPT_COST);

    /**
     * The attribute of the {@link AuthenticationFailedException} of a sign-in refused by the throttle, without
     * looking at the password: its {@link SignInThrottle.Throttled} (for the 429's {@code Retry-After}).
     */
    public static final String THROTTLED = "minicluster.sign-in-throttled";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SignInThrottle throttle;

    @Inject
    WebSessions sessions;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> signIn(request.getUsername(),
                new String(request.getPassword().getPassword()), rc));
    }

    private SecurityIdentity signIn(String username, String password, RoutingContext rc) {
        String address = rc == null || rc.request().remoteAddress() == null ? "unknown"
                : rc.request().remoteAddress().hostAddress();
        Optional<SignInThrottle.Throttled> throttled = throttle.check(username, address);
        if (throttled.isPresent()) {
            throw new AuthenticationFailedException("too many failed sign-ins", Map.of(THROTTLED, throttled.get()));
        }
        Optional<Row> row = find(username);
        boolean matches = BcryptUtil.matches(password, row.map(Row::hash).orElse(NO_ACCOUNT_HASH));
        if (row.isEmpty() || !matches) {
            throttle.failed(username, address);
            throw new AuthenticationFailedException("wrong username or password");
        }
        throttle.succeeded(username);
        if (rc != null) {
            sessions.open(row.get().id(), rc);
        }
        return SessionIdentityProvider.identity(username, row.get().id(), row.get().roles());
    }

    private record Row(long id, String hash, String roles) {
    }

    private Optional<Row> find(String username) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, password, roles FROM account WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuthenticationFailedException(e);
        }
    }
}
