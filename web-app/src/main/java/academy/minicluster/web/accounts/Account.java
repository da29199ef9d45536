package academy.minicluster.web.accounts;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Someone who may sign in: a username, a bcrypt hash of their password, and their roles.
 *
 * <p>quarkus-security-jpa reads this entity to check a password at sign-in, so the plain password never reaches
 * the database: {@link #register} hashes it. Roles are stored as quarkus-security-jpa reads a string, comma
 * separated ({@code "instructor,admin"}); the table's check constraint admits only the three {@link Role}s.
 */
@Entity
@Table(name = "account")
@UserDefinition
public class Account extends PanacheEntityBase {

    /** bcrypt's cost: 2^10 rounds, about 50-100 ms a hash here; slow enough to hurt guessing, fast for sign-in. */
    static final int BCRYPT_COST = 10;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    @Column(nullable = false, length = 100, unique = true)
    public String username;

    @Password
    @Column(nullable = false, length = 100)
    public String password;

    @Roles
    @Column(nullable = false, length = 100)
    public String roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Creates and persists an account; call inside a transaction. */
    public static Account register(String username, String plainPassword, Role first, Role... more) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(plainPassword, "plainPassword");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        EnumSet<Role> granted = EnumSet.of(first, more);
        Account account = new Account();
        account.username = username;
        account.password = BcryptUtil.bcryptHash(plainPassword, BCRYPT_COST);
        account.roles = granted.stream().map(Role::value).collect(Collectors.joining(","));
        account.createdAt = Instant.now();
        account.persist();
        return account;
    }

    public static Optional<Account> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public Set<Role> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::strip).map(Role::fromValue)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public boolean hasRole(Role role) {
        return roleSet().contains(role);
    }

    /** Whether {@code plainPassword} is this account's password. */
    public boolean passwordMatches(String plainPassword) {
        return BcryptUtil.matches(plainPassword, password);
    }

    /** Gives this account {@code role} too (kept in the column's learner, instructor, admin order). */
    public void grant(Role role) {
        EnumSet<Role> granted = EnumSet.copyOf(roleSet());
        granted.add(role);
        roles = granted.stream().map(Role::value).collect(Collectors.joining(","));
        rolesChanged();
    }

    /** Takes {@code role} away; an account keeps at least the learner role, so it can still sign in and learn. */
    public void revoke(Role role) {
        EnumSet<Role> granted = EnumSet.copyOf(roleSet());
        granted.remove(role);
        if (granted.isEmpty()) {
            granted.add(Role.LEARNER);
        }
        roles = granted.stream().map(Role::value).collect(Collectors.joining(","));
        rolesChanged();
    }

    /**
     * Tells every replica, when this transaction commits, to read this account's roles again
     * ({@link SessionNotifications}); this replica forgets them now too.
     */
    private void rolesChanged() {
        SessionIdentityProvider.forgetAccount(id);
        if (id != null) {
            SessionNotifications.rolesChanged(getEntityManager(), id);
        }
    }
}
