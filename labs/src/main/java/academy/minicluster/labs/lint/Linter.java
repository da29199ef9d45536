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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves a lab gradeable: it parses and validates; every reference solution applies cleanly and scores full marks;
 * the starting state scores less; every check fails for at least one submission (the starting state, or a near
 * miss the linter makes of a reference solution: a label, port, path or host changed); tasks and hints are there;
 * ids are unique. The web app calls {@link #lint(String, String)} on every save; the build runs it over every
 * built-in lab.
 */
public final class Linter {

    /** At most this many near misses are graded per solution part, to keep linting fast. */
    static final int MAX_MUTATIONS = 60;

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
        for (Lab lab : labs) {
            LintReport r = lint(lab);
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
        }
        collectFailures(start, canFail);
        errorChecks(start, "start", findings);
        start.checks().stream().filter(c -> c.verdict() == Verdict.ERROR).forEach(c -> errored.add(c.id()));

        for (Solution s : lab.solutions()) {
            Submission submission = Submission.of(s.steps());
            GradeResult r = Grader.grade(lab, submission);
            graded++;
            String where = "solutions[" + s.id() + "]";
            for (String e : r.errors()) {
                findings.add(new Finding("solution-applies", where, e));
            }
            if (!r.fullMarks()) {
                for (CheckResult c : r.checks()) {
                    if (!c.passed()) {
                        findings.add(new Finding("solution-full-marks", where, "scores " + r.score() + "/" + r.max()
                                + "; check " + c.id() + " " + c.verdict() + ": " + c.explanation()));
                    }
                }
            }
            // Near misses: only needed while some check has not been seen to fail.
            for (Submission near : nearMisses(s)) {
                if (canFail.size() == lab.checks().size()) {
                    break;
                }
                GradeResult m = Grader.grade(lab, near);
                graded++;
                collectFailures(m, canFail);
            }
        }
        for (Check c : lab.checks()) {
            if (!canFail.contains(c.id()) && !errored.contains(c.id())) {
                findings.add(new Finding("check-can-fail", "checks[" + c.id() + "]", "passes for the starting state"
                        + " and for every near miss of the reference solutions (changed labels, ports, paths): it"
                        + " cannot tell right from wrong"));
            }
        }
        return new LintReport(lab.id(), lab.source(), findings, graded);
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

    /** Near misses of a solution: each changes one thing in its manifests or its commands. */
    static List<Submission> nearMisses(Solution s) {
        List<Submission> out = new ArrayList<>();
        String manifests = s.steps().manifests();
        String commands = s.steps().commands();
        if (!manifests.isBlank()) {
            for (Mutations.Mutation m : Mutations.ofManifests(manifests).stream().limit(MAX_MUTATIONS).toList()) {
                out.add(submission(m.text(), commands));
            }
        }
        if (!commands.isBlank()) {
            for (Mutations.Mutation m : Mutations.ofCommands(commands).stream().limit(MAX_MUTATIONS).toList()) {
                out.add(submission(manifests, m.text()));
            }
        }
        return out;
    }

    private static Submission submission(String manifests, String commands) {
        List<Submission.Part> parts = new ArrayList<>();
        if (!manifests.isBlank()) {
            parts.add(new Submission.Manifests("solution.yaml", manifests));
        }
        if (!commands.isBlank()) {
            parts.add(new Submission.Commands("solution.sh", commands));
        }
        return new Submission(parts);
    }
}
