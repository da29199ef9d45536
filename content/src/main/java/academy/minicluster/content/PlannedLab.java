package academy.minicluster.content;

import java.util.Objects;

/**
 * A lab the course promises at the end of a lesson, before the lab itself is written (labs live in the {@code labs}
 * module). The list of planned labs tells lab authors what each lab is for, and lets the build check that every lab
 * a lesson names is planned and every planned lab belongs to a lesson that names it.
 *
 * @param id     the lab id lessons list in their {@code labs} field
 * @param lesson the id of the lesson the lab practises
 * @param kind   whether the learner builds something or repairs a broken cluster
 * @param intent one line: what the learner does and what it proves
 */
public record PlannedLab(String id, String lesson, Kind kind, String intent) {

    /** What a lab asks of the learner. */
    public enum Kind {
        /** Build or change something from a working (often empty) starting state. */
        GUIDED,
        /** Start from a broken cluster, find the fault with the troubleshooting method, and fix it. */
        TROUBLESHOOTING
    }

    public PlannedLab {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lesson, "lesson");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(intent, "intent");
    }

    public boolean troubleshooting() {
        return kind == Kind.TROUBLESHOOTING;
    }
}
