package academy.minicluster.labs.grade;

import java.util.List;

/**
 * The grade of one submission: the score out of the maximum, every check's result in the lab's order, and the
 * errors met while applying the submission (a document the API server refused, a command that failed).
 */
public record GradeResult(int score, int max, List<CheckResult> checks, List<String> errors) {

    public GradeResult {
        checks = List.copyOf(checks);
        errors = List.copyOf(errors);
    }

    public boolean fullMarks() {
        return score == max;
    }

    /** The result of the check with {@code id}. */
    public CheckResult check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id));
    }

    /** The ids of the checks that did not pass, in the lab's order. */
    public List<String> failedIds() {
        return checks.stream().filter(c -> !c.passed()).map(CheckResult::id).toList();
    }
}
