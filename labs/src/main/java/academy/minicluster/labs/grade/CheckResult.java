package academy.minicluster.labs.grade;

import academy.minicluster.net.trace.Hop;
import java.util.List;
import java.util.Objects;

/**
 * How one check came out.
 *
 * @param id          the check's id in the lab
 * @param title       the check's title
 * @param verdict     pass, fail, or could not be evaluated
 * @param points      the points scored: all of {@code maxPoints} on a pass, none otherwise
 * @param maxPoints   the check's weight
 * @param symptom     one line: what was expected and what the cluster did, as a probe or the API saw it ("`curl
 *                    http://api:8080/` from pod frontend failed: exit 7, ..."), never which object is at fault
 * @param cause       which object, field and value made it so ("stopped at SERVICE: ...; Service shop/api selects
 *                    app=api-server ..."), or "" when the symptom says all there is; shown to a learner only when
 *                    the lab's {@link academy.minicluster.labs.lab.Feedback} allows, always to an instructor
 * @param command     the probe command run for the check, or "" for state checks
 * @param trace       the trace of the probe that decided the verdict (empty for state checks)
 */
public record CheckResult(String id, String title, Verdict verdict, int points, int maxPoints, String symptom,
                          String cause, String command, List<Hop> trace) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(symptom, "symptom");
        cause = Objects.requireNonNullElse(cause, "");
        command = Objects.requireNonNullElse(command, "");
        trace = List.copyOf(trace);
    }

    /** A result whose explanation is not split into symptom and cause (it is all symptom). */
    public CheckResult(String id, String title, Verdict verdict, int points, int maxPoints, String explanation,
                       String command, List<Hop> trace) {
        this(id, title, verdict, points, maxPoints, explanation, "", command, trace);
    }

    /**
     * The full explanation, as an instructor reads it: the symptom, then the cause. Serialized with the record's
     * components, so a result written by Jackson still carries it.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("explanation")
    public String explanation() {
        return cause.isEmpty() ? symptom : symptom + cause;
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
