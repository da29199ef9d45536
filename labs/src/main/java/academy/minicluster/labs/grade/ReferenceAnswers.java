package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.CheckKind.LikeReference;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.Solution;
import academy.minicluster.labs.lab.Steps;
import academy.minicluster.labs.probe.Answers;
import academy.minicluster.labs.probe.ProbeSet;
import academy.minicluster.net.Cluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The reference solution's answers on its {@link ProbeSet}, computed once per lab version and solution, and the
 * comparison of a learner's cluster with them ({@code likeReference}). The probe set and every probe are the
 * linter's too: the grader asks of the learner's cluster what the linter asks of a mutant.
 *
 * <p>The set is derived from the reference's cluster only: what the learner adds besides (a pod to test with) is
 * not probed; what the learner lacks is named once ("yours has no pod of shop/other; the reference's does").
 */
final class ReferenceAnswers {

    private static final Map<Key, ReferenceAnswers> CACHE = new ConcurrentHashMap<>();

    /** What a learner's cluster is compared with, for the checks of one lab. */
    interface Lookup {
        Diff compare(LikeReference check, Model learner);
    }

    /** The comparison: how many probes ran and each one answered otherwise, worded for the learner. */
    record Diff(int probed, List<String> differences) {
        Diff {
            differences = List.copyOf(differences);
        }
    }

    private record Key(String lab, int version, String profile, long seed, Steps start, Steps solution,
                       List<String> namespaces) {
    }

    private final ProbeSet probes;
    private final Answers answers;

    private ReferenceAnswers(ProbeSet probes, Answers answers) {
        this.probes = probes;
        this.answers = answers;
    }

    /** A lab's lookup: the reference's answers are computed on first use and kept for the lab version. */
    static Lookup of(Lab lab) {
        return (check, learner) -> forCheck(lab, check).compare(learner.cluster(), null);
    }

    static ReferenceAnswers forCheck(Lab lab, LikeReference check) {
        Solution solution = check.solution().isEmpty() ? lab.solutions().get(0) : lab.solutions().stream()
                .filter(s -> s.id().equals(check.solution())).findFirst().orElseThrow(() ->
                        new IllegalStateException("the lab has no solution " + check.solution()));
        Key key = new Key(lab.id(), lab.version(), lab.profile(), lab.seed(), lab.start(), solution.steps(),
                check.namespaces());
        return CACHE.computeIfAbsent(key, k -> {
            Cluster reference = Grader.prepare(lab, Submission.of(solution.steps())).cluster();
            ProbeSet set = ProbeSet.of(reference, check.namespaces());
            return new ReferenceAnswers(set, set.answer(reference));
        });
    }

    int size() {
        return probes.size();
    }

    /**
     * Runs the reference's probe set in the learner's cluster and words each answer that differs; each probe as it
     * ran goes to {@code ran} (null: to nobody).
     */
    Diff compare(Cluster learner, Consumer<ProbeSet.Ran> ran) {
        Answers yours = probes.answer(learner, ran);
        return new Diff(probes.size(), yours.describeDifferencesFrom(answers, "yours"));
    }

    /** The reference's answers, in probe order: for tests. */
    Answers answers() {
        return answers;
    }
}
