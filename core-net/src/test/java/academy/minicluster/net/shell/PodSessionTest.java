package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The terminal attached to a shell in a pod: its prompt, where it is, and how it comes back. */
class PodSessionTest {

    @Test
    void execItShowsTheImageShellsPromptUntilExit() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.execute("kubectl run busybox --image=busybox -- sleep 3600");
        assertThat(shell.prompt()).isEqualTo("$ ");

        shell.execute("kubectl exec -it busybox -- sh");

        assertThat(shell.prompt()).isEqualTo("/ # ");
        assertThat(shell.inPod()).contains("default/busybox/busybox");
        assertThat(shell.execute("hostname").stdout()).isEqualTo("busybox\n");
        shell.execute("exit");
        assertThat(shell.prompt()).isEqualTo("$ ");
        assertThat(shell.inPod()).isEmpty();
    }

    @Test
    void theSessionsShellKeepsItsVariablesFromLineToLine() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.execute("kubectl run busybox --image=busybox -- sleep 3600");
        shell.execute("kubectl exec -it busybox -- sh");

        shell.execute("SVC=kubernetes.default; export GREETING=hi");

        assertThat(shell.execute("echo $SVC $GREETING $HOSTNAME").stdout()).isEqualTo("kubernetes.default hi busybox\n");
        shell.execute("exit");
        shell.execute("kubectl exec -it busybox -- sh");
        assertThat(shell.execute("echo \"[$SVC]\"").stdout()).as("a new session starts afresh").isEqualTo("[]\n");
    }

    @Test
    void bashInADebianImageShowsUserHostAndDirectory() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.execute("kubectl run web --image=nginx");

        shell.execute("kubectl exec -it web -- bash");

        assertThat(shell.prompt()).isEqualTo("root@web:/# ");
        assertThat(shell.execute("echo $NGINX_VERSION").stdout()).isEqualTo("1.27.5\n");
    }

    @Test
    void withoutStdinTheShellReadsNothingAndExitsAtOnce() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.execute("kubectl run busybox --image=busybox -- sleep 3600");

        ShellResult r = shell.execute("kubectl exec -t busybox -- sh");

        assertThat(r.exitCode()).isZero();
        assertThat(shell.inPod()).isEmpty();
    }

    @Test
    void aShellWithAScriptIsNotASession() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.execute("kubectl run busybox --image=busybox -- sleep 3600");

        ShellResult r = shell.execute("kubectl exec -it busybox -- sh -c 'echo hi'");

        assertThat(r.stdout()).isEqualTo("hi\n");
        assertThat(shell.inPod()).isEmpty();
    }
}
