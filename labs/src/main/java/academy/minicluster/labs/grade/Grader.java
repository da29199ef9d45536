package academy.minicluster.labs.grade;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Grades a submission: forks the lab's starting cluster (its profile, its fixed seed, its start steps; built once,
 * see {@link StartStates}), applies
 * the submission in order, then runs every check. State checks run before probes, so a probe's side effects (a
 * node's debugging pod) never change what a state check sees; results are reported in the lab's order.
 *
 * <p>Deterministic: the same lab and submission always get the same result, byte for byte.
 */
public final class Grader {

    private static final Set<String> WRITE_VERBS = Set.of("apply", "create", "replace", "delete", "run", "expose",
            "scale", "label", "annotate", "patch", "set", "edit");

    private Grader() {
    }

    /** Grades {@code submission} against {@code lab}. A bad submission still gets a result, with its errors. */
    public static GradeResult grade(Lab lab, Submission submission) {
        return grade(lab, submission, ClusterLimits.DEFAULTS);
    }

    /**
     * Grades {@code submission} against {@code lab} on a cluster held to {@code limits}: the submission's commands
     * and applies spend the grading's budget ({@link academy.minicluster.net.api.Budget}); a submission stopped by
     * it is graded on what it did before, with the limit's message among its errors.
     */
    public static GradeResult grade(Lab lab, Submission submission, ClusterLimits limits) {
        return gradeKeeping(lab, submission, limits, (shell, probe) -> { }).result();
    }

    /** A grade and the cluster it was taken on, for the linter, which goes on to probe that cluster. */
    public record Kept(GradeResult result, academy.minicluster.net.Cluster cluster) {
    }

    /** Grades {@code submission} and keeps the graded cluster. */
    public static Kept gradeKeeping(Lab lab, Submission submission) {
        return gradeKeeping(lab, submission, ClusterLimits.DEFAULTS, (shell, probe) -> { });
    }

    /**
     * Grades as {@link #grade(Lab, Submission)} does, and hands every probe a check runs, with the learner's shell
     * it ran in, to {@code ran}: for tests that hold the grader's verdicts to what the tools report.
     */
    static GradeResult grade(Lab lab, Submission submission, BiConsumer<Shell, Probes.Probe> ran) {
        return gradeKeeping(lab, submission, ClusterLimits.DEFAULTS, ran).result();
    }

    private static Kept gradeKeeping(Lab lab, Submission submission, ClusterLimits limits,
            BiConsumer<Shell, Probes.Probe> ran) {
        return evaluate(lab, apply(lab, submission, limits), submission.answers(), ran);
    }

    /**
     * One step of a learner's session as a workspace ran it and recorded it: a command line typed at the console
     * ({@link Submission.Commands}, one line) or manifests applied from the editor ({@link Submission.Manifests},
     * named as the submission of the session names them), with its exit code and standard error.
     */
    public record Ran(Submission.Part part, int exitCode, String stderr) {
        public Ran {
            java.util.Objects.requireNonNull(part, "part");
            java.util.Objects.requireNonNull(stderr, "stderr");
        }
    }

    /**
     * Grades the cluster a learner's session left, without running the session again: what
     * {@link #grade(Lab, Submission, ClusterLimits)} answers for the submission made of the session's steps, when
     * {@code ended} is the lab's starting cluster ({@link #prepare}) after those steps, each command line run as typed
     * and each manifest applied from standard input. The transcript and the errors come from what each step
     * recorded, worded as {@link #apply} words them; the checks' probes run on a fork of {@code ended} (with a budget
     * of its own), so the learner's cluster is left as it was.
     *
     * <p>A step with a line break (a pasted script, a here-document) is not one console line: give such a session to
     * {@link #grade(Lab, Submission, ClusterLimits)} instead.
     */
    public static GradeResult gradeSession(Lab lab, academy.minicluster.net.Cluster ended, List<Ran> session,
                                           java.util.Map<String, String> answers) {
        List<String> errors = new ArrayList<>(StartStates.of(lab).errors());
        List<String> transcript = new ArrayList<>();
        for (Ran r : session) {
            if (r.part() instanceof Submission.Manifests m) {
                String name = m.source().isBlank() ? "submission.yaml" : m.source();
                transcript.add("kubectl apply -f " + quote(name));
                if (r.exitCode() != 0) {
                    // kubectl names standard input STDIN where the grader's apply names the file.
                    for (String line : r.stderr().replace("STDIN", name).strip().split("\n")) {
                        if (!line.isBlank()) {
                            errors.add(name + ": " + line.strip());
                        }
                    }
                }
                continue;
            }
            String line = r.part().text().strip();
            if (line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not one command line: " + line);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue; // as a script is read: blank lines and comments are skipped
            }
            transcript.add(line);
            List<String> words = CheckEvaluator.normalize(line);
            boolean write = words.size() > 1 && words.get(0).equals("kubectl") && WRITE_VERBS.contains(words.get(1));
            boolean stoppedByBudget = r.exitCode() == BudgetExceeded.EXIT_CODE;
            if (r.exitCode() != 0 && (write || stoppedByBudget)) {
                String first = r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode());
                errors.add(r.part().source() + ": `" + line + "`: " + first);
            }
        }
        Shell shell = Sessions.open(ended.fork());
        return evaluate(lab, new Graded(shell, transcript, errors), answers, (s, probe) -> { }).result();
    }

    private static Kept evaluate(Lab lab, Graded g, java.util.Map<String, String> answers,
                                 BiConsumer<Shell, Probes.Probe> ran) {
        CheckEvaluator evaluator = new CheckEvaluator(g.shell, g.transcript, answers,
                ReferenceAnswers.of(lab), probe -> ran.accept(g.shell, probe));
        CheckResult[] results = new CheckResult[lab.checks().size()];
        for (boolean probes : new boolean[] {false, true}) {
            for (int i = 0; i < results.length; i++) {
                Check c = lab.checks().get(i);
                if (c.kind().probes() == probes) {
                    results[i] = evaluator.evaluate(c);
                }
            }
        }
        int score = 0;
        for (CheckResult r : results) {
            score += r.points();
        }
        return new Kept(new GradeResult(score, lab.maxScore(), List.of(results), g.errors), g.shell.cluster());
    }

    /** The lab's starting cluster with the submission applied, and what went wrong on the way. */
    record Graded(Shell shell, List<String> transcript, List<String> errors) {
    }

    /**
     * The lab's starting cluster as every grading and every workspace of the lab forks it (built once per server):
     * for a cluster restored from bytes to share what it holds unchanged from the start.
     */
    public static academy.minicluster.net.Cluster.Snapshot startState(Lab lab) {
        return StartStates.of(lab).snapshot();
    }

    /** Rebuilds the lab's cluster and applies {@code submission}, without checking anything. */
    public static Shell prepare(Lab lab, Submission submission) {
        return prepare(lab, submission, ClusterLimits.DEFAULTS);
    }

    /** Rebuilds the lab's cluster, held to {@code limits}, and applies {@code submission}. */
    public static Shell prepare(Lab lab, Submission submission, ClusterLimits limits) {
        return apply(lab, submission, limits).shell;
    }

    static Graded apply(Lab lab, Submission submission, ClusterLimits limits) {
        StartStates.Start start = StartStates.of(lab);
        Shell shell = Sessions.open(start.snapshot().fork(limits));
        if (!lab.start().manifests().isBlank()) {
            // The start's manifest is in the learner's directory, as when the start was built.
            shell.putFile(StartStates.START_FILE, lab.start().manifests());
        }
        List<String> errors = new ArrayList<>(start.errors());
        List<String> transcript = new ArrayList<>();
        for (Submission.Part part : submission.parts()) {
            if (shell.stopped()) {
                break;  // the budget stopped the submission: the rest is not run
            }
            if (part instanceof Submission.Manifests m) {
                applyManifests(shell, m.source(), m.text(), errors, "", transcript);
            } else {
                runCommands(shell, part.text(), errors, part.source() + ": ", transcript);
            }
        }
        return new Graded(shell, transcript, errors);
    }

    static void applyManifests(Shell shell, String source, String text, List<String> errors, String prefix,
                                       List<String> transcript) {
        String name = source.isBlank() ? "submission.yaml" : source;
        shell.putFile(name, text);
        String command = "kubectl apply -f " + quote(name);
        ShellResult r = shell.execute(command);
        if (transcript != null) {
            transcript.add(command);
        }
        if (!r.succeeded()) {
            for (String line : r.stderr().strip().split("\n")) {
                if (!line.isBlank()) {
                    errors.add(prefix + name + ": " + line.strip());
                }
            }
        }
    }

    static void runCommands(Shell shell, String text, List<String> errors, String prefix,
                                    List<String> transcript) {
        for (ShellResult r : shell.runScript(text)) {
            if (transcript != null) {
                transcript.add(r.command());
            }
            List<String> words = CheckEvaluator.normalize(r.command());
            boolean write = words.size() > 1 && words.get(0).equals("kubectl") && WRITE_VERBS.contains(words.get(1));
            boolean stoppedByBudget = r.exitCode() == BudgetExceeded.EXIT_CODE && shell.stopped();
            if (!r.succeeded() && (write || stoppedByBudget)) {
                String first = r.stderr().strip().lines().findFirst().orElse("exit " + r.exitCode());
                errors.add(prefix + "`" + r.command() + "`: " + first);
            }
        }
    }

    private static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
