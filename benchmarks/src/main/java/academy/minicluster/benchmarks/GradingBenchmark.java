package academy.minicluster.benchmarks;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lint.LintReport;
import academy.minicluster.labs.lint.Linter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 3: grading one lab end to end (goal 2 ms) and linting every built-in lab (report the figure).
 *
 * <p>Grading is what the platform does on every "Check my work": fork the lab's starting cluster (built once per
 * lab by the grader, see {@code StartStates}; a fresh cluster is itself a fork of the bootstrapped one), apply the
 * submission, run every check with its probes and traces. Only the first grading of a lab in a process also
 * builds its start, once: JMH's warm-up absorbs it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GradingBenchmark {

    /** A lab and its first reference solution, as a learner's submission. */
    @State(Scope.Benchmark)
    public static class LabAndSubmission {
        @Param({"first-clusterip-service", "ingress-hosts-and-paths", "default-deny-then-allow",
                "troubleshoot-the-shop"})
        public String labId;
        Lab lab;
        Submission submission;

        @Setup(Level.Trial)
        public void load() throws LabFormatException {
            lab = BuiltInLabs.load(labId).orElseThrow();
            submission = Submission.of(lab.solutions().get(0));
        }
    }

    /** Every built-in lab with its first reference solution. */
    @State(Scope.Benchmark)
    public static class AllLabs {
        List<Lab> labs;
        List<Submission> submissions;
        /** Each lab with a {@code likeReference} check added: the larger probe sets. */
        List<Lab> likeReference;

        @Setup(Level.Trial)
        public void load() throws LabFormatException {
            labs = BuiltInLabs.all();
            submissions = labs.stream().map(l -> Submission.of(l.solutions().get(0))).toList();
            likeReference = labs.stream().map(AllLabs::withLikeReference).toList();
        }

        static Lab withLikeReference(Lab l) {
            List<Check> checks = new ArrayList<>(l.checks());
            checks.add(new Check("answers-like-the-reference", "Your cluster answers like the reference's", 1,
                    new CheckKind.LikeReference("", List.of())));
            return new Lab(l.id(), l.version(), l.title(), l.summary(), l.difficulty(), l.minutes(), l.lesson(),
                    l.profile(), l.seed(), l.start(), l.tasks(), l.hints(), l.solutions(), checks, l.source(),
                    l.kind(), l.feedback(), l.wrongAnswers(), l.alternativeAnswers());
        }
    }

    /** One "Check my work" on one lab, reference solution (full marks). */
    @Benchmark
    public GradeResult gradeLab(LabAndSubmission s) {
        return Grader.grade(s.lab, s.submission);
    }

    /** Every built-in lab graded once, each with its reference solution: divide by the number of labs (17). */
    @Benchmark
    public int gradeEveryLab(AllLabs all) {
        int score = 0;
        for (int i = 0; i < all.labs.size(); i++) {
            score += Grader.grade(all.labs.get(i), all.submissions.get(i)).score();
        }
        return score;
    }

    /**
     * Every built-in lab graded once with a {@code likeReference} check added to its own (every pod pair on every
     * declared port and one undeclared, every Service port, every Service's name, every Ingress path and its near
     * misses): divide by 17. The reference's answers are computed on the first grading of each lab (warm-up).
     */
    @Benchmark
    public int gradeEveryLabLikeReference(AllLabs all) {
        int score = 0;
        for (int i = 0; i < all.likeReference.size(); i++) {
            score += Grader.grade(all.likeReference.get(i), all.submissions.get(i)).score();
        }
        return score;
    }

    /** The linter over every built-in lab: parse, grade the references, the start and every mutation. */
    @Benchmark
    public List<LintReport> lintEveryLab(AllLabs all) {
        return Linter.lintAll(all.labs);
    }
}
