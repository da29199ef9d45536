package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The terminal's Tab completion, read from a playground's cluster with a Service and a namespace of the learner's. */
class KubectlCompletionTest {

    private static Cluster cluster;

    @BeforeAll
    static void cluster() {
        Shell shell = WorkspaceReplay.start(null, "default", 1);
        assertThat(shell.execute("kubectl create namespace shop").exitCode()).isZero();
        assertThat(shell.execute("kubectl create deployment web --image=nginx -n shop").exitCode()).isZero();
        assertThat(shell.execute("kubectl expose deployment web --port=80 -n shop").exitCode()).isZero();
        cluster = shell.cluster();
    }

    @Test
    void completesKubectlItsVerbsAndItsResourceTypes() {
        assertThat(KubectlCompletion.of(cluster, "")).containsExactly("kubectl");
        assertThat(KubectlCompletion.of(cluster, "kub")).containsExactly("kubectl");
        assertThat(KubectlCompletion.of(cluster, "kubectl ge")).containsExactly("get");
        assertThat(KubectlCompletion.of(cluster, "kubectl de")).containsExactly("debug", "delete", "describe");
        assertThat(KubectlCompletion.of(cluster, "kubectl get sv")).containsExactly("svc");
        assertThat(KubectlCompletion.of(cluster, "kubectl get deploy")).containsExactly("deploy", "deployment",
                "deployments");
    }

    @Test
    void completesNamesOfTheTypedTypeInTheTypedNamespaceAndNamespacesAfterN() {
        assertThat(KubectlCompletion.of(cluster, "kubectl get svc -n shop w")).containsExactly("web");
        assertThat(KubectlCompletion.of(cluster, "kubectl get svc w")).as("default namespace").isEmpty();
        assertThat(KubectlCompletion.of(cluster, "kubectl -n shop describe deployment/")).containsExactly(
                "deployment/web");
        assertThat(KubectlCompletion.of(cluster, "kubectl get pods -n sh")).containsExactly("shop");
        assertThat(KubectlCompletion.of(cluster, "kubectl logs -n shop web-")).singleElement().asString()
                .startsWith("web-");
    }

    @Test
    void completesFlagsAndNothingAfterTheCommandOrForOtherPrograms() {
        assertThat(KubectlCompletion.of(cluster, "kubectl get pods --name")).containsExactly("--namespace");
        assertThat(KubectlCompletion.of(cluster, "kubectl exec web -- cu")).isEmpty();
        assertThat(KubectlCompletion.of(cluster, "curl ht")).isEmpty();
    }
}
