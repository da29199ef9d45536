package academy.minicluster.web.accounts;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Who is looking at a page: the layout reads it ({@code inject:viewer}) to show the signed-in name and role, and
 * resources ask it for the account behind the request.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    @Inject
    SecurityIdentity identity;

    private Optional<Account> account;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getUsername() {
        return isSignedIn() ? identity.getPrincipal().getName() : "";
    }

    /** The highest role, as the header shows it: admin over instructor over learner. */
    public String getRole() {
        if (identity.hasRole(Role.ADMIN_VALUE)) {
            return Role.ADMIN_VALUE;
        }
        if (identity.hasRole(Role.INSTRUCTOR_VALUE)) {
            return Role.INSTRUCTOR_VALUE;
        }
        return isSignedIn() ? Role.LEARNER_VALUE : "";
    }

    public boolean isAdmin() {
        return identity.hasRole(Role.ADMIN_VALUE);
    }

    /** Instructors and admins author labs and follow cohorts. */
    public boolean isInstructor() {
        return identity.hasRole(Role.INSTRUCTOR_VALUE) || isAdmin();
    }

    /** Learners join cohorts and use the playground. */
    public boolean isLearner() {
        return identity.hasRole(Role.LEARNER_VALUE);
    }

    /** The stored account of the signed-in person; empty for visitors (and for a test identity with no row). */
    @Transactional
    public Optional<Account> account() {
        if (account == null) {
            account = isSignedIn() ? Account.findByUsername(getUsername()) : Optional.empty();
        }
        return account;
    }

    /**
     * The signed-in account's id: carried by the identity when it came from the session cookie (see
     * {@link SessionIdentityProvider}: no query), otherwise looked up (a test identity, the sign-in request).
     */
    public Optional<Long> accountId() {
        Optional<Long> carried = SessionIdentityProvider.accountId(identity);
        return carried.isPresent() ? carried : account().map(a -> a.id);
    }
}
