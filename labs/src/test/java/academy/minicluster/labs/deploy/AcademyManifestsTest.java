package academy.minicluster.labs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies the academy's own Kubernetes manifests ({@code docker/k8s/}) to the mini-cluster and checks, with its
 * probes, that the Ingress reaches the app and that the NetworkPolicies keep everyone else out.
 *
 * <p>The academy's image is unknown to the mini-cluster, so it is simulated as a generic HTTP server on its declared
 * {@code containerPort} (core-net/README-workloads.md, "An image the model does not know"): it answers any path
 * with {@code 200} and {@code Hello from <pod name>}. So is {@code postgres:17}, on 5432. The tests assert what the
 * model documents, not the academy's real health JSON.
 *
 * <p>Skipped: {@code 50-hpa.yaml}. The mini-cluster serves no {@code autoscaling} API group (nor metrics-server), so
 * applying a HorizontalPodAutoscaler there fails as on a cluster without the group; the test checks that the file is
 * the one kind it skips. Every other file is applied with {@code kubectl apply -f}, as a reader would.
 */
class AcademyManifestsTest {

    /** The manifests, from the labs module's directory (surefire runs there) up to the repository root. */
    static final Path MANIFESTS = Path.of("..", "docker", "k8s");

    /** The kinds the mini-cluster does not serve, and why they are not applied here. */
    static final List<String> SKIPPED_KINDS = List.of("HorizontalPodAutoscaler");

    static final String HOST = "academy.example.com";
    static final String INGRESS_IP = "172.18.255.200";

    Shell shell;

    @BeforeEach
    void applyManifests() throws IOException {
        shell = Shell.open(Cluster.create());
        for (Path file : manifestFiles()) {
            String yaml = Files.readString(file);
            if (SKIPPED_KINDS.stream().anyMatch(kind -> yaml.contains("kind: " + kind))) {
                continue;
            }
            shell.putFile(file.getFileName().toString(), yaml);
            ShellResult applied = shell.execute("kubectl apply -f " + file.getFileName());
            assertThat(applied.exitCode()).as("kubectl apply -f %s: %s", file.getFileName(), applied.stderr())
                    .isZero();
        }
        ShellResult wait = shell.execute("kubectl get pods -n academy");
        assertThat(wait.exitCode()).as(wait.stderr()).isZero();
    }

    static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void onlyTheHorizontalPodAutoscalerIsSkipped() throws IOException {
        List<String> skipped = new ArrayList<>();
        for (Path file : manifestFiles()) {
            String yaml = Files.readString(file);
            if (SKIPPED_KINDS.stream().anyMatch(kind -> yaml.contains("kind: " + kind))) {
                skipped.add(file.getFileName().toString());
            }
        }
        assertThat(skipped).containsExactly("50-hpa.yaml");
    }

    @Test
    void bothAppReplicasRunAndAreReady() {
        ShellResult pods = shell.execute("kubectl get pods -n academy -l app.kubernetes.io/name=academy");

        assertThat(pods.stdout().lines().filter(l -> l.startsWith("academy-"))
                .filter(l -> l.contains("1/1") && l.contains("Running"))).hasSize(2);
    }

    @Test
    void theIngressReachesTheAppFromTheWorkstation() {
        ShellResult curl = shell.execute(
                "curl -sS -i -H 'Host: " + HOST + "' http://" + INGRESS_IP + "/q/health/ready");

        assertThat(curl.exitCode()).as(curl.stderr()).isZero();
        assertThat(curl.stdout()).startsWith("HTTP/1.1 200").contains("Hello from academy-");
    }

    @Test
    void theIngressSpreadsRequestsOverBothReplicas() {
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ShellResult curl = shell.execute("curl -sS -H 'Host: " + HOST + "' http://" + INGRESS_IP + "/");
            answeredBy.add(curl.stdout().trim());
        }

        assertThat(answeredBy.stream().distinct()).hasSize(2).allMatch(s -> s.startsWith("Hello from academy-"));
    }

    @Test
    void aPodInAnotherNamespaceCannotReachTheApp() {
        runBusyboxIn("default");

        ShellResult wget = shell.execute(
                "kubectl exec outsider -- wget -q -O- -T 2 http://academy.academy.svc.cluster.local/");

        assertThat(wget.stderr()).contains("wget: download timed out");
        assertThat(wget.stdout()).doesNotContain("Hello from");
        assertDroppedByNetworkPolicy(wget);
    }

    @Test
    void aPodInAnotherNamespaceCannotReachPostgres() {
        runBusyboxIn("default");

        ShellResult nc = shell.execute(
                "kubectl exec outsider -- nc -z -w 2 postgres.academy.svc.cluster.local 5432");

        assertThat(nc.exitCode()).isNotZero();
        assertDroppedByNetworkPolicy(nc);
    }

    @Test
    void aPodInTheAcademyNamespaceWithoutTheAppLabelCannotReachPostgres() {
        runBusyboxIn("academy");

        ShellResult nc = shell.execute("kubectl exec outsider -n academy -- nc -z -w 2 postgres 5432");

        assertThat(nc.exitCode()).isNotZero();
        assertDroppedByNetworkPolicy(nc);
    }

    @Test
    void theAppPodsReachPostgres() {
        assertThat(appPods()).hasSize(2);
        Service postgres = shell.cluster().store().get(Service.class, "Service", "academy", "postgres").orElseThrow();

        for (Pod pod : appPods()) {
            Connection connection = shell.cluster().dataPlane().fromPod(pod, "academy")
                    .connect(postgres.getSpec().getClusterIP(), 5432, Protocol.TCP);

            assertThat(connection.outcome()).as(pod.getMetadata().getName() + ": " + connection.hops())
                    .isEqualTo(Connection.Outcome.ESTABLISHED);
        }
    }

    /** The trace ends in a drop decided by one of the academy's NetworkPolicies, not by anything else. */
    private static void assertDroppedByNetworkPolicy(ShellResult result) {
        assertThat(result.trace()).as(result.stderr())
                .anySatisfy(hop -> {
                    assertThat(hop.verdict()).isEqualTo(Hop.Verdict.DROPPED);
                    assertThat(hop.decidedBy()).extracting(Object::toString)
                            .anyMatch(ref -> ref.contains("NetworkPolicy academy/"));
                });
    }

    private List<Pod> appPods() {
        return shell.cluster().store().list(Pod.class, "Pod").stream()
                .filter(p -> "academy".equals(p.getMetadata().getNamespace()))
                .filter(p -> "academy".equals(p.getMetadata().getLabels().get("app.kubernetes.io/name")))
                .toList();
    }

    private void runBusyboxIn(String namespace) {
        ShellResult run = shell.execute("kubectl run outsider -n " + namespace + " --image=busybox -- sleep 3600");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }
}
