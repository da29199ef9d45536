package academy.minicluster.labs.lab;

import academy.minicluster.labs.check.Check;
import java.util.List;
import java.util.Objects;

/**
 * One lab: a starting cluster, tasks for the learner, hints revealed one by one, reference solutions, and the
 * weighted checks that grade the result. Read from one YAML file by {@link LabParser}; see labs/README.md.
 *
 * @param id         unique, lower-case words with dashes; also the file's name
 * @param version    bumped when the checks change, so stored grades can say which version graded them
 * @param lesson     the id of the lesson the lab belongs to
 * @param profile    the cluster profile the lab starts from
 * @param seed       the seed of the starting cluster (fixed, so grading is deterministic)
 * @param start      what is done to the fresh cluster before the learner arrives
 * @param tasks      what the learner is asked to do, in Markdown
 * @param hints      ordered from a nudge to nearly the answer
 * @param source     where the lab was read from (a file name, or {@code builtin:ID})
 * @param kind       guided or troubleshooting (sets the default feedback)
 * @param feedback   when a learner is shown the cause of a failed check, not only its symptom
 * @param wrongAnswers       authored wrong answers, applied on the start state: each must score below full marks
 * @param alternativeAnswers authored correct answers written another way: each must score full marks (the
 *                           linter grades them as it grades {@code solutions})
 */
public record Lab(String id, int version, String title, String summary, Difficulty difficulty, int minutes,
                  String lesson, String profile, long seed, Steps start, String tasks, List<String> hints,
                  List<Solution> solutions, List<Check> checks, String source, LabKind kind, Feedback feedback,
                  List<Solution> wrongAnswers, List<Solution> alternativeAnswers) {

    public Lab {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feedback, "feedback");
        hints = List.copyOf(hints);
        solutions = List.copyOf(solutions);
        checks = List.copyOf(checks);
        wrongAnswers = List.copyOf(wrongAnswers);
        alternativeAnswers = List.copyOf(alternativeAnswers);
    }

    /**
     * Every answer that must score full marks: the reference solutions, then the alternative answers. A reference
     * solution beyond the first is also an alternative answer; {@code alternativeAnswers} are those an author
     * does not want shown as a model answer (a correct answer a learner wrote, kept so it stays correct).
     */
    public List<Solution> correctAnswers() {
        List<Solution> all = new java.util.ArrayList<>(solutions);
        all.addAll(alternativeAnswers);
        return List.copyOf(all);
    }

    /** The most a submission can score: the sum of the checks' points. */
    public int maxScore() {
        return checks.stream().mapToInt(Check::points).sum();
    }
}
