package academy.minicluster.web.cohorts;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.accounts.SessionIdentityProvider;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The account behind the request's signed-in identity. Authoring, cohorts and the gradebook all decide "is this
 * yours?" by account id, so they ask here rather than trusting a name from the request.
 */
@RequestScoped
public class CurrentAccount {

    @Inject
    SecurityIdentity identity;

    private Account account;

    /** The signed-in account; an identity with no account row (deleted since sign-in) is refused. */
    public Account account() {
        if (account == null) {
            if (identity.isAnonymous()) {
                throw new ForbiddenException("Sign in first.");
            }
            account = Account.findByUsername(identity.getPrincipal().getName())
                    .orElseThrow(() -> new ForbiddenException("No account is named "
                            + identity.getPrincipal().getName() + "."));
        }
        return account;
    }

    /** The signed-in account's id, carried by the session's identity when it can be (no query), else looked up. */
    public Long id() {
        if (identity.isAnonymous()) {
            throw new ForbiddenException("Sign in first.");
        }
        return SessionIdentityProvider.accountId(identity).orElseGet(() -> account().id);
    }

    /** Admins see every lab and cohort; instructors only their own. */
    public boolean isAdmin() {
        return identity.hasRole(Role.ADMIN_VALUE);
    }

    /** Whether the signed-in account may act on something owned by {@code ownerId}. */
    public boolean owns(Long ownerId) {
        return isAdmin() || id().equals(ownerId);
    }
}
