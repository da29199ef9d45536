package academy.minicluster.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Accounts as quarkus-security-jpa sees them. Each test registers its own uniquely named account and commits it,
 * because sign-in reads the database in a transaction of its own.
 */
@QuarkusTest
class AccountTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Inject
    IdentityProviderManager identities;

    @Test
    void thePasswordIsStoredAsABcryptHashNotAsTyped() {
        String username = uniqueName("ada");
        register(username, Role.LEARNER);

        Account stored = QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username).orElseThrow());
        assertThat(stored.password).startsWith("$2").hasSize(60).doesNotContain(PASSWORD);
        assertThat(stored.passwordMatches(PASSWORD)).isTrue();
        assertThat(stored.passwordMatches("wrong")).isFalse();
    }

    @Test
    void signingInWithThePasswordGivesTheAccountsRoles() {
        String username = uniqueName("grace");
        register(username, Role.INSTRUCTOR, Role.ADMIN);

        SecurityIdentity identity = signIn(username, PASSWORD);

        assertThat(identity.getPrincipal().getName()).isEqualTo(username);
        assertThat(identity.getRoles()).containsExactlyInAnyOrder("instructor", "admin");
    }

    @Test
    void signingInWithAWrongPasswordFails() {
        String username = uniqueName("linus");
        register(username, Role.LEARNER);

        assertThatThrownBy(() -> signIn(username, "not the password"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aUsernameCanBeRegisteredOnlyOnce() {
        String username = uniqueName("margaret");
        register(username, Role.LEARNER);

        assertThatThrownBy(() -> register(username, Role.ADMIN))
                .hasStackTraceContaining("account_username_unique");
    }

    @Test
    void theDatabaseRefusesAnUnknownRole() {
        String username = uniqueName("mallory");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> Account.getEntityManager()
                .createNativeQuery("INSERT INTO account (username, password, roles) VALUES (?1, ?2, 'root')")
                .setParameter(1, username)
                .setParameter(2, "$2a$10$" + "a".repeat(53))
                .executeUpdate()))
                .hasStackTraceContaining("account_roles_known");
    }

    @Test
    void theDatabaseRefusesAPlainTextPassword() {
        String username = uniqueName("eve");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> Account.getEntityManager()
                .createNativeQuery("INSERT INTO account (username, password) VALUES (?1, 'hunter2')")
                .setParameter(1, username)
                .executeUpdate()))
                .hasStackTraceContaining("account_password_is_bcrypt");
    }

    private SecurityIdentity signIn(String username, String password) {
        return identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(username,
                new PasswordCredential(password.toCharArray())));
    }

    private static void register(String username, Role first, Role... more) {
        QuarkusTransaction.requiringNew().run(() -> Account.register(username, PASSWORD, first, more));
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
