package academy.minicluster.web.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How the first admin comes to exist, with no default password anywhere.
 *
 * <p>At start, if no account holds the admin role: when {@code MINICLUSTER_ADMIN_USERNAME} and
 * {@code MINICLUSTER_ADMIN_PASSWORD} are set, that admin is created; otherwise a random one-time token is printed to
 * the server log, once, as a link to {@code /setup}. Whoever can read the server's log (the operator) can open it and
 * choose the admin's name and password; the token then stops working. The token lives only in this process's
 * memory: a restart prints a new one, and with several app servers each prints its own.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    /** Serialises admin creation across app servers starting at once (pg_advisory_xact_lock's key). */
    private static final long ADMIN_LOCK = 0x6d696e69636c7573L;

    /** What became of a request to create the first admin. */
    public enum Outcome { CREATED, BAD_TOKEN, ADMIN_EXISTS, INVALID }

    @ConfigProperty(name = "minicluster.admin.username")
    Optional<String> username;

    @ConfigProperty(name = "minicluster.admin.password")
    Optional<String> password;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    private final SecureRandom random = new SecureRandom();
    private volatile String token;

    void onStart(@Observes StartupEvent event) {
        if (adminExists()) {
            return;
        }
        if (username.filter(u -> !u.isBlank()).isPresent() && password.filter(p -> !p.isBlank()).isPresent()) {
            SignUpForm form = new SignUpForm(username.get(), password.get(), password.get());
            List<String> problems = form.problems();
            if (!problems.isEmpty()) {
                LOG.errorf("MINICLUSTER_ADMIN_USERNAME/MINICLUSTER_ADMIN_PASSWORD not used: %s",
                        String.join(" ", problems));
            } else if (createAdmin(form)) {
                LOG.infof("Created the admin account \"%s\" from MINICLUSTER_ADMIN_USERNAME.", form.username());
                return;
            } else {
                LOG.warnf("Not creating admin \"%s\": an account of that name exists or an admin appeared.",
                        form.username());
            }
        }
        if (!adminExists()) {
            String issued = issueToken();
            LOG.warnf("No admin account exists yet. To create it, open (once; the link works until an admin exists): "
                    + "http://localhost:%d/setup?token=%s", port, issued);
        }
    }

    /** A fresh one-time token, replacing any earlier one. Package-private: startup and tests call it. */
    String issueToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return token;
    }

    /** Whether {@code candidate} is the current token (compared in constant time) and no admin exists yet. */
    public boolean accepts(String candidate) {
        String current = token;
        if (current == null || candidate == null) {
            return false;
        }
        boolean same = MessageDigest.isEqual(current.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
        return same && !adminExists();
    }

    /** Creates the first admin if {@code candidate} is the token; the token is spent on success. */
    public Outcome createFirstAdmin(String candidate, SignUpForm form) {
        if (!accepts(candidate)) {
            return adminExists() ? Outcome.ADMIN_EXISTS : Outcome.BAD_TOKEN;
        }
        if (!form.problems().isEmpty()) {
            return Outcome.INVALID;
        }
        if (!createAdmin(form)) {
            return Outcome.ADMIN_EXISTS;
        }
        token = null;
        return Outcome.CREATED;
    }

    public static boolean adminExists() {
        return QuarkusTransaction.requiringNew().call(() -> Account.count(
                "roles = ?1 or roles like ?2 or roles like ?3 or roles like ?4",
                "admin", "admin,%", "%,admin", "%,admin,%") > 0);
    }

    /** Creates {@code form}'s account as admin (and instructor), unless an admin or that username exists. */
    private static boolean createAdmin(SignUpForm form) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                    .setParameter(1, ADMIN_LOCK).getSingleResult();
            if (Account.count("roles like ?1", "%admin%") > 0
                    || Account.findByUsername(form.username()).isPresent()) {
                return false;
            }
            Account.register(form.username(), form.password(), Role.ADMIN, Role.INSTRUCTOR);
            return true;
        });
    }
}
