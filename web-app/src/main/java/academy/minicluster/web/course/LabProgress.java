package academy.minicluster.web.course;

/**
 * Where a learner stands on one lab: their best attempt's score out of its maximum, and whether they started.
 *
 * @param labId    the lab
 * @param best     the best score of any attempt; meaningful when {@code attempted}
 * @param max      the maximum of that attempt's lab version
 * @param attempts how many attempts were graded
 * @param started  whether a workspace exists for the lab (they opened it), even with no attempt yet
 */
public record LabProgress(String labId, int best, int max, int attempts, boolean started) {

    /** The closed set of states the course page shows. */
    public enum Status {
        NOT_STARTED("not started"), IN_PROGRESS("in progress"), DONE("done");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The CSS class: {@code not-started}, {@code in-progress}, {@code done}. */
        public String cssClass() {
            return label.replace(' ', '-');
        }
    }

    public static LabProgress none(String labId) {
        return new LabProgress(labId, 0, 0, 0, false);
    }

    public boolean attempted() {
        return attempts > 0;
    }

    /** Done at full marks; in progress once opened or attempted; otherwise not started. */
    public Status status() {
        if (attempted() && max > 0 && best >= max) {
            return Status.DONE;
        }
        return attempted() || started ? Status.IN_PROGRESS : Status.NOT_STARTED;
    }

    /** "6/10" for an attempted lab, empty otherwise. */
    public String score() {
        return attempted() ? best + "/" + max : "";
    }
}
