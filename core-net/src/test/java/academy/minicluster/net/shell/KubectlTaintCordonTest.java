package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code kubectl taint} and {@code cordon}/{@code uncordon}: kubectl's words, and the scheduler honours them. */
class KubectlTaintCordonTest {

    private final Shell shell = KubectlFixture.emptyCluster();

    private String ok(String line) {
        ShellResult r = shell.execute(line);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void taintIsAddedRefusedTwiceAndRemoved() {
        assertThat(ok("kubectl taint nodes worker dedicated=db:NoSchedule"))
                .isEqualTo("node/worker tainted\n");
        assertThat(ok("kubectl get node worker -o jsonpath={.spec.taints[0].key}={.spec.taints[0].value}"))
                .isEqualTo("dedicated=db");

        ShellResult again = shell.execute("kubectl taint nodes worker dedicated=db:NoSchedule");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("already has dedicated taint(s) with same effect(s)");

        assertThat(ok("kubectl taint nodes worker dedicated:NoSchedule-"))
                .isEqualTo("node/worker untainted\n");
        ShellResult missing = shell.execute("kubectl taint nodes worker dedicated:NoSchedule-");
        assertThat(missing.stderr()).contains("taint \"dedicated:NoSchedule\" not found");
    }

    @Test
    void badEffectIsRefusedInKubectlsWords() {
        ShellResult r = shell.execute("kubectl taint nodes worker a=b:Sometimes");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("invalid taint effect: Sometimes, unsupported taint effect");
    }

    @Test
    void cordonedNodesGetNoNewPods() {
        assertThat(ok("kubectl cordon worker")).isEqualTo("node/worker cordoned\n");
        assertThat(ok("kubectl cordon worker")).isEqualTo("node/worker already cordoned\n");
        ok("kubectl create deployment web --image=traefik/whoami --replicas=4");

        String nodes = ok("kubectl get pods -l app=web -o jsonpath={.items[*].spec.nodeName}");
        assertThat(nodes.split(" ")).hasSize(4).containsOnly("worker2");

        assertThat(ok("kubectl uncordon worker")).isEqualTo("node/worker uncordoned\n");
        assertThat(ok("kubectl get node worker -o jsonpath={.spec.unschedulable}")).isEmpty();
    }
}
