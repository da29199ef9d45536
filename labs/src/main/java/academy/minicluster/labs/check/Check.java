package academy.minicluster.labs.check;

import java.util.Objects;

/**
 * One weighted check of a lab: what it verifies ({@link CheckKind}) and how many points it is worth.
 *
 * @param id     unique in the lab; names the check in results
 * @param title  what a learner reads next to the check ("Service web has 3 ready endpoints")
 * @param points its weight, at least 1
 * @param kind   what is verified
 */
public record Check(String id, String title, int points, CheckKind kind) {

    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1: " + points);
        }
    }
}
