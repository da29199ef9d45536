package academy.minicluster.labs.lab;

/**
 * When a learner is shown the cause of a failed check (which object, which field, what value) and not only its
 * symptom (what a probe saw). Set per lab ({@code feedback: {revealCauseAfter: {hints: 1, failedChecks: 3}}});
 * a troubleshooting lab shows symptoms only unless it says otherwise, since finding the cause is its task.
 * Instructors always see both.
 *
 * @param hints        the cause is shown once this many hints are taken; {@link #NEVER} for never
 * @param failedChecks the cause is shown once this many "Check my work" attempts failed; {@link #NEVER} for never
 */
public record Feedback(int hints, int failedChecks) {

    /** A threshold that is never reached. */
    public static final int NEVER = Integer.MAX_VALUE;

    /** A guided lab's default: the cause after the first hint or the third failed check. */
    public static final Feedback GUIDED = new Feedback(1, 3);

    /** A troubleshooting lab's default: symptoms only, finding the cause is the task. */
    public static final Feedback SYMPTOMS_ONLY = new Feedback(NEVER, NEVER);

    public Feedback {
        if (hints < 0 || failedChecks < 0) {
            throw new IllegalArgumentException("thresholds are counts: " + hints + ", " + failedChecks);
        }
    }

    /** The default for a lab of {@code kind}. */
    public static Feedback defaultFor(LabKind kind) {
        return kind == LabKind.troubleshooting ? SYMPTOMS_ONLY : GUIDED;
    }

    /** Whether a learner who took {@code hintsTaken} hints and failed {@code failed} checks is shown causes. */
    public boolean revealsCause(int hintsTaken, int failed) {
        return hintsTaken >= hints || failed >= failedChecks;
    }
}
