package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * POSIX sh at the workstation's prompt and in {@code kubectl exec ... -- sh -c}: the cases of
 * {@code shell/sh-cases.txt}, each a script with its exit code, standard output and standard error as dash, busybox
 * ash and bash print them. Then the budgets that end loops that never end.
 */
class ShellSyntaxTest {

    static Stream<ShellCases.Case> cases() {
        return ShellCases.read("/shell/sh-cases.txt").stream();
    }

    private static Shell podsShell() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.putFile("pods.yaml", KubectlFixture.resource("/shell/sh-pods.yaml"));
        ShellResult applied = shell.execute("kubectl apply -f pods.yaml");
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        return shell;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runsAsPosixShDoes(ShellCases.Case c) {
        c.check(ShellSyntaxTest::podsShell);
    }

    @Test
    void theNumberFormatExceptionOfIssue14IsGone() {
        Shell shell = KubectlFixture.webApp();
        ShellResult r = shell.execute("kubectl get svc web -o name; kubectl get deploy web -o name");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("service/web\ndeployment.apps/web\n");
    }

    private static Shell limited(int commands, long outputBytes) {
        ClusterLimits limits = new ClusterLimits(1000, 300, commands, 1024 * 1024, Duration.ofSeconds(60),
                Duration.ofSeconds(600), outputBytes);
        return Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, limits));
    }

    @Test
    void aLoopThatNeverEndsStopsAtTheSessionsCommandLimit() {
        Shell shell = limited(50, 1 << 20);
        ShellResult r = shell.execute("while true; do :; done");

        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(r.stderr()).isEqualTo("minicluster: this session has run 50 commands, its limit (max-commands): "
                + "start a new session to run more\n");
        assertThat(shell.stopped()).isTrue();
    }

    @Test
    void aLoopStoppedByTheBudgetKeepsWhatItPrinted() {
        Shell shell = limited(10, 1 << 20);
        ShellResult r = shell.execute("i=0; while true; do i=$((i+1)); echo $i; done");

        // The line itself is command 1; iterations 2..10 run, the tenth iteration is refused.
        assertThat(r.stdout()).isEqualTo("1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
    }

    @Test
    void aLoopInsideAPodStopsToo() {
        Shell shell = limited(30, 1 << 20);
        shell.putFile("pods.yaml", KubectlFixture.resource("/shell/sh-pods.yaml"));
        shell.execute("kubectl apply -f pods.yaml");
        ShellResult r = shell.execute("kubectl exec bb -- sh -c 'while :; do echo tick; done'");

        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(r.stdout()).startsWith("tick\ntick\n");
        assertThat(r.stderr()).contains("(max-commands)");
    }

    @Test
    void aLoopThatPrintsForeverStopsAtTheOutputLimit() {
        Shell shell = limited(100_000, 4096);
        ShellResult r = shell.execute("for i in $(seq 1 5000); do echo 0123456789; done");

        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(r.stdout().length()).isLessThanOrEqualTo(4096);
        assertThat(r.stderr()).contains("(max-output-bytes)");
    }

    @Test
    void aValueThatDoublesForeverRunsOutOfMemory() {
        Shell shell = limited(1000, 1 << 20);
        ShellResult r = shell.execute("x=ab; while true; do x=$x$x; done; echo never");

        assertThat(r.stderr()).isEqualTo("bash: xmalloc: cannot allocate memory\n");
        assertThat(r.stdout()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void deepNestingIsASyntaxErrorNotAStackOverflow() {
        Shell shell = limited(1000, 1 << 20);
        String deep = "echo " + "$(echo ".repeat(5000) + "x" + ")".repeat(5000);
        ShellResult r = shell.execute(deep);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("bash: syntax error");
    }

    @Test
    void theSameScriptAnswersTheSameBytes() {
        String script = "for i in $(seq 1 5); do kubectl get ns -o name | grep -c kube; done";
        ShellResult a = KubectlFixture.emptyCluster().execute(script);
        ShellResult b = KubectlFixture.emptyCluster().execute(script);

        assertThat(a.stdout()).isEqualTo(b.stdout()).isEqualTo("3\n3\n3\n3\n3\n");
    }
}
