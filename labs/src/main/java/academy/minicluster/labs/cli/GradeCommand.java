package academy.minicluster.labs.cli;

import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.grade.CheckResult;
import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.json.TraceJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minicluster grade LAB SUBMISSION...}: grades manifests ({@code .yaml}) and kubectl transcripts
 * ({@code .sh}, {@code .txt}), applied in the order given. Exit 0 on full marks, 1 otherwise, 2 on misuse.
 */
@Command(name = "grade", description = "Grade a submission (manifests and/or kubectl transcripts) against a lab.")
final class GradeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LAB", description = "a lab file, or a built-in lab's id")
    String lab;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "SUBMISSION",
            description = "manifest files (.yaml), kubectl transcripts (.sh, .txt); none grades the starting state")
    List<Path> submission = new ArrayList<>();

    @Mixin
    LimitsOptions limits;

    @Option(names = "--json", description = "print one JSON document (see labs/README.md)")
    boolean json;

    @Option(names = "--as-learner", description = "print what a learner is shown: the symptom of each failed check,"
            + " its cause only when the lab's feedback allows (see --hints-taken, --failed-checks)")
    boolean asLearner;

    @Option(names = "--hints-taken", paramLabel = "N", description = "with --as-learner: hints the learner took")
    int hintsTaken;

    @Option(names = "--failed-checks", paramLabel = "N",
            description = "with --as-learner: failed checks before this one")
    int failedChecks;

    @Option(names = "--answer", paramLabel = "ID=VALUE",
            description = "the answer to the lab's question ID (an answer check), e.g. --answer node=worker2")
    List<String> answers = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Lab l;
        try {
            l = LabArgument.load(lab);
        } catch (LabFormatException e) {
            throw new Minicluster.Misuse("the lab does not parse: " + e.errors().get(0)
                    + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more; run `minicluster lint`)" : ""));
        }
        for (Path p : submission) {
            if (!Files.isRegularFile(p)) {
                throw new Minicluster.Misuse(p + ": no such file");
            }
        }
        Map<String, String> given = new TreeMap<>();
        Set<String> questions = new TreeSet<>();
        l.checks().stream().filter(c -> c.kind() instanceof CheckKind.Answer).forEach(c -> questions.add(c.id()));
        for (String a : answers) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new Minicluster.Misuse("--answer " + a + ": write ID=VALUE, e.g. --answer node=worker2");
            }
            String id = a.substring(0, eq);
            if (!questions.contains(id)) {
                throw new Minicluster.Misuse("--answer " + a + ": the lab has no question " + id + (questions.isEmpty()
                        ? "" : " (questions: " + String.join(", ", questions) + ")"));
            }
            given.put(id, a.substring(eq + 1));
        }
        GradeResult r = Grader.grade(l, Submission.read(submission).withAnswers(given), limits.limits());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(TraceJson.MAPPER.writeValueAsString(TraceJson.grade(l, r)));
        } else {
            boolean causes = !asLearner || l.feedback().revealsCause(hintsTaken, failedChecks);
            out.print(text(l, r, causes));
        }
        out.flush();
        return r.fullMarks() ? 0 : 1;
    }

    static String text(Lab l, GradeResult r) {
        return text(l, r, true);
    }

    /** The plain report; without {@code causes}, each check says what was seen, not which object is at fault. */
    static String text(Lab l, GradeResult r, boolean causes) {
        StringBuilder s = new StringBuilder();
        s.append(l.id()).append(" (v").append(l.version()).append("): ").append(r.score()).append('/').append(r.max())
                .append('\n');
        for (String e : r.errors()) {
            s.append("  error: ").append(e).append('\n');
        }
        for (CheckResult c : r.checks()) {
            String mark = switch (c.verdict()) {
                case PASS -> "✓";
                case FAIL -> "✗";
                case ERROR -> "!";
            };
            s.append(String.format("  %s %-28s %d/%d  %s%n", mark, c.id(), c.points(), c.maxPoints(), c.title()));
            s.append("      ").append(causes ? c.explanation() : c.symptom()).append('\n');
            if (!c.passed() && !c.trace().isEmpty()) {
                s.append("      $ ").append(c.command()).append('\n');
                TraceJson.traceText(c.trace()).lines().forEach(line -> s.append("    ").append(line).append('\n'));
            }
        }
        return s.toString();
    }
}
