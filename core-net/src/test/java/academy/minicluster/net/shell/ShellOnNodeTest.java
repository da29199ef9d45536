package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Shell#onNode}: a node's view of the network for graders, which must leave the cluster as it was. */
class ShellOnNodeTest {

    private final Shell shell = KubectlFixture.webApp();

    private static final String CURL = "curl -s -o /dev/null -w %{http_code} http://10.109.162.249";

    @Test
    void answersWhatKubectlDebugNodeAnswersWithoutItsAnnouncement() {
        ShellResult direct = shell.onNode("worker", "nicolaka/netshoot", CURL, "probe");

        assertThat(direct.exitCode()).as(direct.stderr()).isZero();
        assertThat(direct.stdout()).isEqualTo("200");
        assertThat(direct.trace()).isNotEmpty();
    }

    @Test
    void writesNothing() {
        long revision = shell.cluster().store().revision();
        String pods = shell.execute("kubectl get pods -A").stdout();
        String events = shell.execute("kubectl get events -A").stdout();

        shell.onNode("worker", "nicolaka/netshoot", CURL, "probe");

        assertThat(shell.cluster().store().revision()).isEqualTo(revision);
        assertThat(shell.execute("kubectl get pods -A").stdout()).isEqualTo(pods);
        assertThat(shell.execute("kubectl get events -A").stdout()).isEqualTo(events);
    }

    @Test
    void anUnknownNodeIsNotFound() {
        ShellResult r = shell.onNode("worker9", "nicolaka/netshoot", CURL, "probe");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error from server (NotFound): nodes \"worker9\" not found\n");
    }
}
