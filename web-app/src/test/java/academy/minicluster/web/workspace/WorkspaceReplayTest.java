package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying a workspace's log: the same log gives the same cluster and outputs, every time, on any server. */
class WorkspaceReplayTest {

    static final List<LogEntry> LOG = List.of(
            LogEntry.command("kubectl get pods -o wide"),
            LogEntry.manifests("""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: api
                    spec:
                      selector:
                        app: api
                      ports:
                        - port: 80
                          targetPort: 5678
                    """),
            LogEntry.command("kubectl get endpointslices -o wide"),
            LogEntry.command("kubectl exec client -- curl -sS http://api/"));

    @Test
    void theSameLogReplayedTwiceGivesTheSameOutputsByteForByte() throws Exception {
        Lab lab = BuiltInLabs.load("fix-wrong-targetport").orElseThrow();

        List<ShellResult> first = WorkspaceReplay.replay(WorkspaceReplay.start(lab, lab.profile(), lab.seed()), LOG);
        List<ShellResult> second = WorkspaceReplay.replay(WorkspaceReplay.start(lab, lab.profile(), lab.seed()), LOG);

        assertThat(second).isEqualTo(first);
        assertThat(first.get(3).stdout()).contains("api says hi");
    }

    @Test
    void editorYamlIsAppliedAsKubectlApplyFromStdin() throws Exception {
        Lab lab = BuiltInLabs.load("fix-wrong-targetport").orElseThrow();
        Shell shell = WorkspaceReplay.start(lab, lab.profile(), lab.seed());

        ShellResult r = WorkspaceReplay.run(shell, LOG.get(1));

        assertThat(r.command()).isEqualTo("kubectl apply -f -");
        assertThat(r.stdout()).isEqualTo("service/api configured\n");
    }

    @Test
    void aPlaygroundStartsFromItsProfileWithoutALab() {
        Shell shell = WorkspaceReplay.start(null, "three-workers", 1);

        assertThat(shell.execute("kubectl get nodes").stdout()).contains("worker3");
    }

    @Test
    void theSubmissionKeepsTheLogsOrderWithConsecutiveCommandsAsOneTranscript() {
        Submission s = WorkspaceReplay.submission(LOG);

        assertThat(s.parts()).extracting(Submission.Part::source)
                .containsExactly("console.sh", "editor-1.yaml", "console.sh");
        assertThat(s.parts().get(2).text()).isEqualTo("kubectl get endpointslices -o wide\n"
                + "kubectl exec client -- curl -sS http://api/\n");
    }
}
