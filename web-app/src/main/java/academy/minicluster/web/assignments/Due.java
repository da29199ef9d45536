package academy.minicluster.web.assignments;

import java.time.Instant;

/**
 * When a learner's work on an assigned lab is due, and whether that is the cohort's date or their extension.
 * An attempt after it is late.
 */
public record Due(Instant at, Kind kind) {

    /** Where the date comes from. */
    public enum Kind {
        /** The assignment's due date, the same for the whole cohort. */
        COHORT,
        /** The learner's extension. */
        EXTENDED
    }

    public boolean extended() {
        return kind == Kind.EXTENDED;
    }

    /** Whether work done at {@code when} is late. */
    public Timing timing(Instant when) {
        return when.isAfter(at) ? Timing.LATE : Timing.ON_TIME;
    }

    /** An attempt against its due date. */
    public enum Timing {
        ON_TIME, LATE;

        public boolean late() {
            return this == LATE;
        }
    }
}
