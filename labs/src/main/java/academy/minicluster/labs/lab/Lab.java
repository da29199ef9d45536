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
 */
public record Lab(String id, int version, String title, String summary, Difficulty difficulty, int minutes,
                  String lesson, String profile, long seed, Steps start, String tasks, List<String> hints,
                  List<Solution> solutions, List<Check> checks, String source) {

    public Lab {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(start, "start");
        hints = List.copyOf(hints);
        solutions = List.copyOf(solutions);
        checks = List.copyOf(checks);
    }

    /** The most a submission can score: the sum of the checks' points. */
    public int maxScore() {
        return checks.stream().mapToInt(Check::points).sum();
    }
}
