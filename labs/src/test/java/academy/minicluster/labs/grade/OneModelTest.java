package academy.minicluster.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.Solution;
import academy.minicluster.labs.lint.Mutations;
import academy.minicluster.labs.probe.ProbeSet;
import academy.minicluster.labs.probe.Seen;
import academy.minicluster.net.shell.CommandLine;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One model: over every built-in lab's start state, reference solutions and their mutants (the linter's, {@link
 * Mutations}), every reachability verdict the grader
 * takes (its checks' probes, and the probe set a {@code likeReference} check derives from the lab) is what the
 * learner's own {@code curl}, {@code nc} and {@code nslookup} report in the same cluster state: the same command,
 * typed in the learner's shell as the grader names it ({@code kubectl exec ...}, {@code kubectl debug node/...}),
 * observes the same thing, and its exit status (and curl's {@code %{http_code}}) agrees with the verdict.
 */
class OneModelTest {

    private static final java.util.concurrent.atomic.AtomicInteger PROBED = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.AfterAll
    static void manyVerdictsWereCompared() {
        // Some start states have nothing to probe; together the labs have hundreds of verdicts.
        assertThat(PROBED.get()).isGreaterThan(300);
    }

    static Stream<Arguments> labStates() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (Lab lab : BuiltInLabs.all()) {
            out.add(Arguments.of(lab.id(), "start", lab, Submission.EMPTY));
            for (Solution s : lab.solutions()) {
                out.add(Arguments.of(lab.id(), s.id(), lab, Submission.of(s.steps())));
                for (Mutations.Mutation m : Mutations.of(s.steps())) {
                    out.add(Arguments.of(lab.id(), s.id() + " mutant: " + m.description(), lab,
                            Submission.of(m.steps())));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("labStates")
    void everyVerdictIsWhatTheToolsReport(String id, String state, Lab lab, Submission submission) {
        Map<String, Probes.Probe> probes = new LinkedHashMap<>();
        Shell[] graded = new Shell[1];
        Grader.grade(lab, submission, (shell, probe) -> {
            graded[0] = shell;
            probes.putIfAbsent(probe.command(), probe);
        });
        // And the probe set likeReference (and lint) derives from the lab, run in this state.
        Shell shell = Grader.prepare(lab, submission);
        List<ProbeSet.Ran> ran = new ArrayList<>();
        if (!lab.solutions().isEmpty()) {
            ReferenceAnswers.forCheck(lab, new CheckKind.LikeReference("", List.of())).compare(shell.cluster(),
                    ran::add);
        }
        if (graded[0] == null) {
            graded[0] = shell;
        }
        PROBED.addAndGet(probes.size());
        for (Probes.Probe probe : probes.values()) {
            // Typed as a learner types it, in a shell on the same cluster state.
            Shell learner = probe.command().startsWith("kubectl debug") ? Grader.prepare(lab, submission) : shell;
            agrees(learner, probe);
        }
        Map<String, ProbeSet.Ran> distinct = new LinkedHashMap<>();
        ran.forEach(r -> distinct.putIfAbsent((r.from() == null ? "" : Probes.where(r.from())) + " " + r.command(),
                r));
        int typed = 0;
        for (ProbeSet.Ran r : distinct.values()) {
            typed += agrees(shell, r) ? 1 : 0;
        }
        PROBED.addAndGet(typed);
    }

    /**
     * A probe of the probe set, typed where it ran ({@code kubectl exec} into its pod, or at the workstation's
     * prompt), observes what the probe answered; false when the pod's image has not the tool to type it with.
     */
    private static boolean agrees(Shell learner, ProbeSet.Ran ran) {
        String command = ran.from() == null ? ran.command() : "kubectl exec -n "
                + ran.from().getMetadata().getNamespace() + " " + ran.from().getMetadata().getName() + " -- "
                + ran.command();
        ShellResult typed = learner.execute(command);
        Seen seen = Seen.of(typed);
        if (seen.reply() == Seen.Reply.NOT_RUN) {
            return false;
        }
        String what = command + " (probe set: " + ran.reply() + " " + ran.status() + "; typed: exit "
                + typed.exitCode() + ", " + typed.stderr() + ")";
        assertThat(seen.reply()).as(what).isEqualTo(ran.reply());
        assertThat(seen.status()).as(what).isEqualTo(ran.status());
        return true;
    }

    private static void agrees(Shell learner, Probes.Probe probe) {
        String command = probe.command();
        Seen verdict = probe.seen();
        ShellResult typed = learner.execute(command);
        Seen seen = Seen.of(typed);
        String what = command + " (grader: " + verdict + "; typed: exit " + typed.exitCode() + ", " + typed.stderr()
                + ")";
        assertThat(seen.reply()).as(what).isEqualTo(verdict.reply());
        assertThat(seen.status()).as(what).isEqualTo(verdict.status());
        assertThat(typed.exitCode()).as(what).isEqualTo(probe.result().exitCode());
        List<String> words = tool(command);
        String tool = words.isEmpty() ? "" : words.get(0);
        boolean fail = words.contains("-f") || words.contains("--fail") || words.stream()
                .anyMatch(w -> w.matches("-[a-zA-Z]*f[a-zA-Z]*") && !w.startsWith("--"));
        switch (tool) {
            case "nc" -> {
                if (!words.contains("-u")) {
                    assertThat(seen.reply() == Seen.Reply.CONNECTS).as(what).isEqualTo(typed.exitCode() == 0);
                }
            }
            case "curl" -> {
                if (!fail) {
                    assertThat(seen.reply() == Seen.Reply.CONNECTS && seen.status() > 0).as(what)
                            .isEqualTo(typed.exitCode() == 0);
                }
                if (seen.status() > 0) {
                    // curl's own word for the status, asked of the same request.
                    ShellResult code = learner.execute(command + " -w '\\n%{http_code}'");
                    assertThat(code.stdout()).as(what).endsWith(String.format("%03d", seen.status()));
                }
            }
            case "nslookup" -> {
                if (seen.reply() == Seen.Reply.RESOLVES) {
                    assertThat(typed.exitCode()).as(what).isZero();
                }
                if (seen.reply() == Seen.Reply.TIMES_OUT) {
                    assertThat(typed.exitCode()).as(what).isNotZero();
                }
            }
            default -> {
                // wget, dig, agnhost: the typed command observed the same thing (above).
            }
        }
    }

    /** The words of the tool's command line: what follows kubectl's {@code --}, or the whole line. */
    private static List<String> tool(String command) {
        try {
            List<String> words = CommandLine.split(command);
            int dashes = words.indexOf("--");
            return words.get(0).equals("kubectl") && dashes >= 0 ? words.subList(dashes + 1, words.size()) : words;
        } catch (CommandLine.SyntaxError e) {
            throw new AssertionError(command, e);
        }
    }
}
