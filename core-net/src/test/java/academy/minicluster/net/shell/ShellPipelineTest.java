package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pipes on the workstation: {@code kubectl get pods | grep web}, {@code ... | wc -l}, {@code ... | kubectl apply -f -},
 * with the tools' own exit codes and errors.
 */
class ShellPipelineTest {

    private final Shell shell = KubectlFixture.webApp();

    @Test
    void grepKeepsTheMatchingLinesOfKubectlsTable() {
        ShellResult all = shell.execute("kubectl get pods");
        ShellResult r = shell.execute("kubectl get pods | grep web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.command()).isEqualTo("kubectl get pods | grep web");
        assertThat(r.stdout()).isNotEmpty().doesNotContain("NAME");
        assertThat(all.stdout().lines().filter(l -> l.contains("web")).toList())
                .isEqualTo(r.stdout().lines().toList());
    }

    @Test
    void grepThatSelectsNothingExitsOne() {
        ShellResult r = shell.execute("kubectl get pods | grep no-such-pod");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void grepCountsAndInverts() {
        long pods = shell.execute("kubectl get pods -o name").stdout().lines().count();

        assertThat(shell.execute("kubectl get pods -o name | wc -l").stdout()).isEqualTo(pods + "\n");
        assertThat(shell.execute("kubectl get pods --no-headers | grep -vc Pending").stdout()).isEqualTo(pods + "\n");
    }

    @Test
    void headAndTailCutTheOutput() {
        String all = shell.execute("kubectl get pods").stdout();
        String[] lines = all.split("\n");

        assertThat(shell.execute("kubectl get pods | head -n 1").stdout()).isEqualTo(lines[0] + "\n");
        assertThat(shell.execute("kubectl get pods | tail -1").stdout()).isEqualTo(lines[lines.length - 1] + "\n");
        assertThat(shell.execute("kubectl get pods | tail -n +2 | head -2").stdout())
                .isEqualTo(lines[1] + "\n" + lines[2] + "\n");
    }

    @Test
    void aPipeIntoKubectlFeedsItsStandardInput() {
        ShellResult r = shell.execute("kubectl get svc web -o yaml | kubectl apply -f -");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        // The piped object (status, resourceVersion and all) becomes the new last-applied configuration: kubectl's
        // patch changes that annotation, so it says configured, as a real cluster does.
        assertThat(r.stdout()).isEqualTo("service/web configured\n");
    }

    @Test
    void aProbesTraceSurvivesThePipe() {
        ShellResult plain = shell.execute("kubectl exec client -- curl -s http://web");
        ShellResult piped = shell.execute("kubectl exec client -- curl -s http://web | grep -i hostname");

        assertThat(piped.trace()).isNotEmpty().hasSameSizeAs(plain.trace());
    }

    @Test
    void aQuotedBarIsNoPipe() {
        ShellResult r = shell.execute("kubectl get pods -l 'app in (web)' -o name | grep 'pod/web\\|nothing'");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("pod/web");
    }

    @Test
    void anUnknownToolIsNotFoundAsBashSaysIt() {
        ShellResult r = shell.execute("kubectl get pods | awk '{print $1}'");

        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).isEqualTo("bash: awk: command not found\n");
    }

    @Test
    void anEmptyCommandAroundAPipeIsASyntaxError() {
        ShellResult r = shell.execute("kubectl get pods | | grep web");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("bash: syntax error near unexpected token `|'\n");
    }
}
