package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl run NAME --rm -it --restart=Never --image=... -- COMMAND}: the learner's throw-away client pod. The
 * command is the container's own process, attached; the pod is deleted after it (seed scenario behind it).
 */
class OneShotClientPodTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("seed-web.yaml");
    }

    @Test
    void curlImageRunsCurlAgainstTheService() {
        ShellResult r = s.run("kubectl run tmp --image=curlimages/curl --rm -it --restart=Never -- curl -s http://web");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("Hostname: web-").endsWith("pod \"tmp\" deleted\n");
    }

    @Test
    void curlImageEntrypointPrependsCurlToOptions() {
        ShellResult r = s.run("kubectl run tmp --image=curlimages/curl --rm -it --restart=Never -- -s http://web");
        assertThat(r.stdout()).startsWith("Hostname: web-");
    }

    @Test
    void busyboxRunsWgetThroughAShell() {
        ShellResult r = s.run("kubectl run tmp --image=busybox:1.36 --rm -it --restart=Never -- "
                + "sh -c 'wget -qO- http://web'");
        assertThat(r.stdout()).startsWith("Hostname: web-");
    }

    @Test
    void thePodIsGoneAfterwards() {
        s.run("kubectl run tmp --image=curlimages/curl --rm -it --restart=Never -- curl -s http://web");
        assertThat(s.run("kubectl get pod tmp").stderr()).isEqualTo("Error from server (NotFound): pods \"tmp\" not found\n");
    }

    @Test
    void aFailingCommandReportsThePodTerminatedWithItsExitCode() {
        ShellResult r = s.run("kubectl run tmp --image=curlimages/curl --rm -it --restart=Never -- curl -sS http://nothere");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.stderr()).isEqualTo("curl: (6) Could not resolve host: nothere\npod default/tmp terminated (Error)\n");
        assertThat(r.stdout()).isEqualTo("pod \"tmp\" deleted\n");
    }
}
