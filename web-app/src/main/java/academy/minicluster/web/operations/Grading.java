package academy.minicluster.web.operations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One grading, as operations see it: which lab (and version) was graded for which account, the score, and how long
 * the grader took. It is logged as one line ({@link #message()}, with {@link #mdc()} as structured fields in the
 * JSON log) and counted in {@code /q/metrics} under its {@link Outcome}.
 *
 * @param attemptId the stored attempt, or {@code null} when it was not stored
 * @param nanos     the grader's own time (replaying the submission on a fresh cluster and running the checks),
 *                  without the database
 */
public record Grading(String labId, int labVersion, long accountId, Long attemptId, int score, int max, long nanos) {

    /** What came of a submission, the {@code outcome} tag of {@code minicluster_attempts_total}. */
    public enum Outcome {
        /** Every check passed: score equals the maximum. */
        FULL,
        /** Some points, not all. */
        PARTIAL,
        /** Graded, and no check passed. */
        ZERO,
        /** Refused before grading (nothing to grade: neither manifests nor a transcript); no attempt stored. */
        REJECTED;

        /** The tag value: the name in lower case. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Grading {
        if (labId == null || labId.isBlank()) {
            throw new IllegalArgumentException("a grading names its lab");
        }
        if (score < 0 || max < 0 || score > max) {
            throw new IllegalArgumentException("score " + score + " out of " + max);
        }
        if (nanos < 0) {
            throw new IllegalArgumentException("a grading cannot take " + nanos + " ns");
        }
    }

    /** Full marks when every point was earned (a lab with no points counts as full), zero when none was. */
    public Outcome outcome() {
        if (score == max) {
            return Outcome.FULL;
        }
        return score == 0 ? Outcome.ZERO : Outcome.PARTIAL;
    }

    /** The duration in milliseconds, to a tenth, as the request lines give theirs. */
    public String durationMs() {
        // As "%.1f" of nanos / 1e6 writes it (half up, to a tenth), without java.util.Formatter: every attempt logs it.
        return RequestTracing.tenths(nanos / 1_000);
    }

    /** The plain-text log line, e.g. {@code graded lab web-service v2 for account 17: 5/7 (partial) in 3.4ms}. */
    public String message() {
        return "graded lab " + labId + " v" + labVersion + " for account " + accountId + ": " + score + "/" + max + " ("
                + outcome().tag() + ") in " + durationMs() + "ms" + (attemptId == null ? "" : ", attempt " + attemptId);
    }

    /** The structured fields of the line (the {@code mdc} object of a JSON log line), in a stable order. */
    public Map<String, String> mdc() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("labId", labId);
        mdc.put("labVersion", String.valueOf(labVersion));
        mdc.put("account", String.valueOf(accountId));
        if (attemptId != null) {
            mdc.put("attempt", String.valueOf(attemptId));
        }
        mdc.put("score", String.valueOf(score));
        mdc.put("max", String.valueOf(max));
        mdc.put("outcome", outcome().tag());
        mdc.put("durationMs", durationMs());
        return mdc;
    }
}
