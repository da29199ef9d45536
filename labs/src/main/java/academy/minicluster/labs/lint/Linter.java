package academy.minicluster.labs.lint;

import academy.minicluster.labs.check.Check;
import academy.minicluster.labs.grade.CheckResult;
import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.grade.Verdict;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabError;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import academy.minicluster.labs.lab.Solution;
import academy.minicluster.labs.probe.Answers;
import academy.minicluster.labs.probe.ProbeSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proves a lab gradeable: it parses and validates; every reference solution applies cleanly and scores full marks;
 * the starting state scores less; every check fails for at least one submission (the starting state, or a near
 * miss the linter makes of a reference solution: a label, port, path or host changed); tasks and hints are there;
 * ids are unique. The web app calls {@link #lint(String, String)} on every save; the build runs it over every
 * built-in lab.
 */
public final class Linter {

    private Linter() {
    }

    /** Lints a lab from its text, as the lab editor saves it. */
    public static LintReport lint(String text, String source) {
        try {
            return lint(LabParser.parse(text, source));
        } catch (LabFormatException e) {
            return parseFailure(source, e);
        }
    }

    /** Lints a lab file. */
    public static LintReport lint(Path file) {
        try {
            return lint(LabParser.parse(file));
        } catch (LabFormatException e) {
            return parseFailure(file.toString(), e);
        }
    }

    /** The report of a lab that does not parse: one {@code parse} finding per error. */
    public static LintReport parseFailure(String source, LabFormatException e) {
        List<Finding> findings = new ArrayList<>();
        for (LabError err : e.errors()) {
            findings.add(new Finding("parse", err.file() + (err.line() > 0 ? ":" + err.line() : "")
                    + (err.field().isEmpty() ? "" : " " + err.field()), err.message()));
        }
        return new LintReport(source, source, findings, 0);
    }

    /** Lints several labs and adds a finding for every lab id used twice. */
    public static List<LintReport> lintAll(List<Lab> labs) {
        Map<String, String> seen = new HashMap<>();
        List<LintReport> reports = new ArrayList<>();
        // Labs are independent and grading is thread-safe: lint them on every core, report them in order.
        List<LintReport> linted = java.util.stream.IntStream.range(0, labs.size()).parallel()
                .mapToObj(i -> lint(labs.get(i))).toList();
        for (int i = 0; i < labs.size(); i++) {
            Lab lab = labs.get(i);
            LintReport r = linted.get(i);
            String before = seen.putIfAbsent(lab.id(), lab.source());
            if (before != null) {
                List<Finding> f = new ArrayList<>(r.findings());
                f.add(new Finding("unique-id", "id", "lab id \"" + lab.id() + "\" is also used by " + before));
                r = new LintReport(r.lab(), r.source(), f, r.submissions());
            }
            reports.add(r);
        }
        return reports;
    }

    /** Lints a parsed lab. */
    public static LintReport lint(Lab lab) {
        List<Finding> findings = new ArrayList<>();
        int graded = 0;
        if (lab.tasks().isBlank()) {
            findings.add(new Finding("content", "tasks", "the tasks are empty"));
        }
        if (lab.hints().isEmpty() || lab.hints().stream().anyMatch(String::isBlank)) {
            findings.add(new Finding("content", "hints", "every lab needs non-empty hints"));
        }
        if (lab.summary().isBlank()) {
            findings.add(new Finding("content", "summary", "the summary is empty"));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Check c : lab.checks()) {
            if (!ids.add(c.id())) {
                findings.add(new Finding("unique-id", "checks[" + c.id() + "]", "check id used twice"));
            }
        }
        Set<String> canFail = new LinkedHashSet<>();
        Set<String> errored = new LinkedHashSet<>();

        GradeResult start = Grader.grade(lab, Submission.EMPTY);
        graded++;
        for (String e : start.errors()) {
            findings.add(new Finding("start-applies", "start", e));
        }
        if (start.fullMarks()) {
            findings.add(new Finding("start-not-full", "start", "the starting state already scores full marks ("
                    + start.score() + "/" + start.max() + "): there is nothing to do"));
        } else if (start.score() * 3 > start.max()) {
            findings.add(new Finding("start-scores-low", "start", "the starting state scores " + start.score() + "/"
                    + start.max() + ", more than a third of the points, before the learner does anything"));
        }
        collectFailures(start, canFail);
        errorChecks(start, "start", findings);
        start.checks().stream().filter(c -> c.verdict() == Verdict.ERROR).forEach(c -> errored.add(c.id()));

        for (Solution s : lab.alternativeAnswers()) {
            GradeResult r = Grader.grade(lab, Submission.of(s));
            graded++;
            fullMarks(r, "alternativeAnswers[" + s.id() + "]", "alternative-full-marks", findings);
        }
        for (Solution s : lab.wrongAnswers()) {
            GradeResult r = Grader.grade(lab, Submission.of(s));
            graded++;
            collectFailures(r, canFail);
            if (r.fullMarks()) {
                findings.add(new Finding("wrong-answer-full-marks", "wrongAnswers[" + s.id() + "]", "scores "
                        + r.score() + "/" + r.max() + ": " + (s.description().isEmpty() ? "a wrong answer"
                        : s.description()) + " must lose points"));
            }
        }
        int mutants = 0;
        int relevant = 0;
        int killed = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (Solution s : lab.solutions()) {
            Grader.Kept reference = Grader.gradeKeeping(lab, Submission.of(s));
            graded++;
            String where = "solutions[" + s.id() + "]";
            fullMarks(reference.result(), where, "solution-full-marks", findings);
            if (!reference.result().fullMarks()) {
                continue; // its mutants say nothing: it is itself wrong
            }
            // The mutant and the reference are compared on the union of their probe sets (ProbeSet, the grader's
            // likeReference probes): an object only one of them has is probed in both.
            ProbeSet referenceProbes = ProbeSet.of(reference.cluster(), List.of());
            Map<ProbeSet, Answers> referenceAnswers = new HashMap<>();
            for (Mutations.Mutation m : Mutations.of(s.steps())) {
                if (!seen.add(m.steps().manifests() + "\u0000" + m.steps().commands())) {
                    continue; // the same mutant of another solution
                }
                Grader.Kept mutant = Grader.gradeKeeping(lab, Submission.of(m.steps()).withAnswers(s.answers()));
                graded++;
                mutants++;
                collectFailures(mutant.result(), canFail);
                ProbeSet probes = referenceProbes.union(ProbeSet.of(mutant.cluster(), List.of()));
                Answers expected = referenceAnswers.computeIfAbsent(probes, x -> x.answer(reference.cluster()));
                Optional<String> difference = probes.answer(mutant.cluster())
                        .describeDifferencesFrom(expected, "the mutant").stream().findFirst();
                if (difference.isEmpty()) {
                    continue; // an equivalent mutant: the cluster answers as the reference's does
                }
                relevant++;
                if (mutant.result().fullMarks()) {
                    findings.add(new Finding("surviving-mutant", where, "mutant `" + m.description()
                            + "` changes what the cluster answers (" + difference.get() + ") but still scores "
                            + mutant.result().score() + "/" + mutant.result().max()));
                } else {
                    killed++;
                }
            }
        }
        for (Check c : lab.checks()) {
            if (!canFail.contains(c.id()) && !errored.contains(c.id())) {
                findings.add(new Finding("check-can-fail", "checks[" + c.id() + "]", "passes for the starting state,"
                        + " every wrong answer and every mutant of the reference solutions: it cannot tell right"
                        + " from wrong"));
            }
        }
        return new LintReport(lab.id(), lab.source(), findings, graded, mutants, relevant, killed);
    }

    private static void fullMarks(GradeResult r, String where, String rule, List<Finding> findings) {
        for (String e : r.errors()) {
            findings.add(new Finding("solution-applies", where, e));
        }
        if (!r.fullMarks()) {
            for (CheckResult c : r.checks()) {
                if (!c.passed()) {
                    findings.add(new Finding(rule, where, "scores " + r.score() + "/" + r.max()
                            + "; check " + c.id() + " " + c.verdict() + ": " + c.explanation()));
                }
            }
        }
    }

    private static void collectFailures(GradeResult r, Set<String> canFail) {
        for (CheckResult c : r.checks()) {
            if (c.verdict() == Verdict.FAIL) {
                canFail.add(c.id());
            }
        }
    }

    private static void errorChecks(GradeResult r, String where, List<Finding> findings) {
        for (CheckResult c : r.checks()) {
            if (c.verdict() == Verdict.ERROR) {
                findings.add(new Finding("check-error", "checks[" + c.id() + "]", "could not be evaluated for the "
                        + where + ": " + c.explanation()));
            }
        }
    }
}
