package academy.minicluster.labs.grade;

import academy.minicluster.net.dataplane.Hop;
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
 * @param explanation one line, from the model: what was expected, what the cluster did, which object caused it
 * @param command     the probe command run for the check, or "" for state checks
 * @param trace       the trace of the probe that decided the verdict (empty for state checks)
 */
public record CheckResult(String id, String title, Verdict verdict, int points, int maxPoints, String explanation,
                          String command, List<Hop> trace) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explanation, "explanation");
        command = Objects.requireNonNullElse(command, "");
        trace = List.copyOf(trace);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
