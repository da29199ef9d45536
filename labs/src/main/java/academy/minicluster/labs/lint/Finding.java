package academy.minicluster.labs.lint;

import java.util.Objects;

/**
 * One thing the linter found wrong with a lab.
 *
 * @param rule    which rule: {@code parse}, {@code solution-full-marks}, {@code start-not-full}, {@code check-can-fail},
 *                {@code content}, {@code unique-id}, {@code start-applies}, {@code solution-applies}
 * @param where   the part of the lab concerned ({@code solutions[fix-the-selector]}, {@code checks[ready-endpoints]},
 *                a file and line for parse errors)
 * @param message what is wrong, with the grader's explanation where there is one
 */
public record Finding(String rule, String where, String message) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "[" + rule + "] " + (where.isEmpty() ? "" : where + ": ") + message;
    }
}
