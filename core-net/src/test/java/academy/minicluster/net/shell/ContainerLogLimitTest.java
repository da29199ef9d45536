package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code max-log-bytes}: a container's log is rotated as the kubelet rotates it, the newest lines kept. */
class ContainerLogLimitTest {

    @Test
    void aContainersLogKeepsItsNewestBytesOnly() {
        ClusterLimits limits = new ClusterLimits(1000, 300, 1000, 400, Duration.ofSeconds(20),
                Duration.ofSeconds(120), ClusterLimits.DEFAULTS.maxOutputBytes());
        Shell shell = Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, limits));
        shell.putFile("pods.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: client
                spec:
                  containers:
                  - name: netshoot
                    image: nicolaka/netshoot
                    command: ["sleep", "infinity"]
                """);
        assertThat(shell.execute("kubectl apply -f pods.yaml").exitCode()).isZero();
        String pod = "nginx";
        String ip = shell.execute("kubectl get pod " + pod + " -o jsonpath={.status.podIP}").stdout();

        for (int i = 0; i < 40; i++) {
            shell.execute("kubectl exec client -- curl -s http://" + ip + "/request-" + i);
        }
        String logs = shell.execute("kubectl logs " + pod).stdout();

        assertThat(logs).contains("/request-39").doesNotContain("/request-0 ");
        String access = logs.lines().filter(l -> l.contains("/request-")).reduce("", (a, l) -> a + l + "\n");
        assertThat(access.length()).isLessThanOrEqualTo(400).isGreaterThan(0);
    }
}
