package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.Solution;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.api.StateWriter;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A workspace restored from a saved state plus the entries after it is the workspace its whole log replays to, for
 * every built-in lab's reference solutions and authored wrong answers as a learner would type them (the manifests
 * from the editor, then each command line at the console, then a look at everything): whatever entry the state was
 * saved after, the entries after it answer the same, byte for byte (outputs, exit codes, traces), and the cluster
 * ends in the same state, byte for byte ({@code Cluster.writeState}: objects, names, IPs, resourceVersions,
 * timestamps, events, logs, random sequence, controllers' state).
 */
class WorkspaceSnapshotTest {

    /** Looks at everything the learner could see afterwards. */
    private static final List<LogEntry> LOOK = List.of(LogEntry.command("kubectl get all -A -o yaml"),
            LogEntry.command("kubectl get endpointslices,ingress,networkpolicy,gateway,httproute -A -o yaml"),
            LogEntry.command("kubectl get events -A"), LogEntry.command("kubectl get pods -A -o wide"));

    static Stream<Arguments> answers() throws Exception {
        List<Arguments> all = new ArrayList<>();
        for (Lab lab : BuiltInLabs.all()) {
            for (Solution s : lab.correctAnswers()) {
                all.add(Arguments.of(lab.id(), s.id(), lab, s));
            }
            for (Solution s : lab.wrongAnswers()) {
                all.add(Arguments.of(lab.id(), "wrong " + s.id(), lab, s));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void aWorkspaceRestoredAfterAnyEntryIsTheWorkspaceItsWholeLogReplaysTo(String labId, String answer, Lab lab,
                                                                            Solution solution) {
        List<LogEntry> log = asTyped(solution);
        Shell replayed = WorkspaceReplay.start(lab, lab.profile(), lab.seed());
        List<ShellResult> whole = WorkspaceReplay.replay(replayed, log);
        byte[] end = clusterState(replayed);
        for (int cut = 0; cut < log.size(); cut++) {
            Shell before = WorkspaceReplay.start(lab, lab.profile(), lab.seed());
            WorkspaceReplay.replay(before, log.subList(0, cut));
            Shell restored = Shell.restore(before.saveState(), ClusterLimits.DEFAULTS, Grader.startState(lab));
            List<ShellResult> rest = WorkspaceReplay.replay(restored, log.subList(cut, log.size()));
            assertThat(rest).as("restored after %d entries", cut).isEqualTo(whole.subList(cut, whole.size()));
            assertThat(Arrays.equals(clusterState(restored), end)).as("state restored after %d entries", cut)
                    .isTrue();
        }
        assertThat(whole.get(whole.size() - 4).stdout()).contains("kind: Pod");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void gradingTheWorkspacesClusterGivesTheGradeOfReplayingItsLog(String labId, String answer, Lab lab,
                                                                    Solution solution) {
        assertSameGrade(lab, asTyped(solution), solution.answers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void aLogWithFailedWritesGetsTheSameErrorsEitherWay(String labId, Lab lab) {
        List<LogEntry> log = new ArrayList<>(List.of(LogEntry.manifests("kind: [\n"),
                LogEntry.command("kubectl get nope"), LogEntry.command("kubectl delete svc nope"),
                LogEntry.manifests("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n"
                        + "  - port: 99999\n"),
                LogEntry.command("  kubectl   scale deployment nope --replicas=2"), LogEntry.command("# a note")));
        lab.solutions().stream().findFirst().ifPresent(s -> log.addAll(asTyped(s)));
        GradeResult grade = assertSameGrade(lab, log, Map.of());
        assertThat(grade.errors()).anySatisfy(e -> assertThat(e).startsWith("editor-1.yaml: "))
                .anySatisfy(e -> assertThat(e).startsWith("console.sh: `kubectl delete svc nope`: "));
    }

    static Stream<Arguments> labs() throws Exception {
        return BuiltInLabs.all().stream().map(lab -> Arguments.of(lab.id(), lab));
    }

    private static GradeResult assertSameGrade(Lab lab, List<LogEntry> log, Map<String, String> answers) {
        Shell workspace = WorkspaceReplay.start(lab, lab.profile(), lab.seed());
        List<ShellResult> results = WorkspaceReplay.replay(workspace, log);
        List<WorkspaceLog.Recorded> recorded = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            ShellResult r = results.get(i);
            recorded.add(new WorkspaceLog.Recorded(log.get(i), r.exitCode(), r.exitCode() == 0 ? null : r.stderr()));
        }
        byte[] before = clusterState(workspace);
        GradeResult replayed = Grader.grade(lab, WorkspaceReplay.submission(log).withAnswers(answers),
                ClusterLimits.DEFAULTS);
        Optional<List<Grader.Ran>> session = WorkspaceReplay.session(recorded);
        if (session.isEmpty()) {
            // A pasted script: "Check my work" grades it by replaying the log, as before.
            assertThat(log).anySatisfy(e -> assertThat(e.text()).contains("\n"));
            return replayed;
        }
        GradeResult onTheWorkspace = Grader.gradeSession(lab, workspace.cluster(), session.get(), answers);
        assertThat(onTheWorkspace).isEqualTo(replayed);
        assertThat(Arrays.equals(clusterState(workspace), before)).as("the workspace's cluster is left as it was")
                .isTrue();
        return onTheWorkspace;
    }

    /** The answer as a learner types it in a workspace: its manifests from the editor, each command at the console. */
    private static List<LogEntry> asTyped(Solution solution) {
        List<LogEntry> log = new ArrayList<>();
        if (!solution.steps().manifests().isBlank()) {
            log.add(LogEntry.manifests(solution.steps().manifests()));
        }
        String commands = solution.steps().commands();
        if (commands.contains("<<") || commands.contains("\\\n")) {
            // A here-document or a continued line is not one console line: pasted as one script.
            log.add(LogEntry.command(commands.strip()));
        } else {
            commands.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> log.add(LogEntry.command(l)));
        }
        log.addAll(LOOK);
        return log;
    }

    private static byte[] clusterState(Shell shell) {
        StateWriter out = new StateWriter();
        shell.cluster().writeState(out);
        return out.toByteArray();
    }
}
