package academy.minicluster.web.accounts;

import java.util.Locale;

/**
 * What an account may do. The lower-case {@link #value()} is what {@code @RolesAllowed} names and what the
 * {@code account.roles} column stores.
 */
public enum Role {
    /** Takes the course and its labs; sees only their own work. */
    LEARNER,
    /** Authors labs and follows their own cohorts. */
    INSTRUCTOR,
    /** Runs the platform: accounts and roles. */
    ADMIN;

    public static final String LEARNER_VALUE = "learner";
    public static final String INSTRUCTOR_VALUE = "instructor";
    public static final String ADMIN_VALUE = "admin";

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value}, as stored; an unknown name is an error, never a silent learner. */
    public static Role fromValue(String value) {
        for (Role role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role \"" + value + "\": expected learner, instructor or admin");
    }
}
