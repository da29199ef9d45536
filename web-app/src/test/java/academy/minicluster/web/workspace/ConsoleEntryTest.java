package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs in Quarkus for the console's Qute template. */
@QuarkusTest
class ConsoleEntryTest {

    static List<ShellResult> sessionWithATraceAnErrorAndAnApply() throws Exception {
        Lab lab = BuiltInLabs.load(LabWorkspaceResourceTest.LAB).orElseThrow();
        var shell = WorkspaceReplay.start(lab, lab.profile(), lab.seed());
        return WorkspaceReplay.replay(shell, List.of(
                LogEntry.command("kubectl exec client -- curl -sS http://api/"),
                LogEntry.command("kubectl get nosuchkind"),
                LogEntry.manifests(LabWorkspaceResourceTest.FIXED_SERVICE),
                LogEntry.command("kubectl get svc api -o yaml")));
    }

    @Test
    void anEntryReadBackFromItsJsonIsTheEntryItWas() throws Exception {
        for (ShellResult r : sessionWithATraceAnErrorAndAnApply()) {
            ConsoleEntry entry = ConsoleEntry.of(r);

            assertThat(ConsoleEntry.fromJson(entry.toJson())).contains(entry);
        }
    }

    @Test
    void theConsoleDrawsAStoredEntryByteForByteAsItDrewTheLiveAnswer() throws Exception {
        List<ShellResult> results = sessionWithATraceAnErrorAndAnApply();
        assertThat(results.get(0).trace()).isNotEmpty();
        assertThat(results.get(1).stderr()).isNotEmpty();

        for (ShellResult r : results) {
            ConsoleEntry stored = ConsoleEntry.fromJson(ConsoleEntry.of(r).toJson()).orElseThrow();

            assertThat(WorkspaceViews.consoleEntry(stored)).isEqualTo(WorkspaceViews.consoleEntry(r));
        }
    }

    @Test
    void theTraceTextIsOneLinePerHopAsThePageShowedIt() throws Exception {
        ShellResult curl = sessionWithATraceAnErrorAndAnApply().get(0);
        StringBuilder expected = new StringBuilder();
        WorkspaceViews.hops(curl).forEach(h -> expected.append(h.text()).append('\n'));

        assertThat(ConsoleEntry.of(curl).traceText()).isEqualTo(expected.toString());
        assertThat(ConsoleEntry.of(curl).trace()).hasSize(curl.trace().size());
    }

    @Test
    void anEntryWithoutAStoredOutputOrWithAnUnreadableOneHasNone() {
        assertThat(ConsoleEntry.fromJson(null)).isEmpty();
        assertThat(ConsoleEntry.fromJson("not json")).isEmpty();
        assertThat(ConsoleEntry.fromJson("{\"command\":\"kubectl get pods\"}")).isEmpty();
    }
}
