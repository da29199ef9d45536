package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code kubectl explain} and {@code kubectl port-forward}, with kubectl's output and errors. */
class KubectlExplainPortForwardTest {

    private final Shell shell = KubectlFixture.webApp();

    private ShellResult ok(String line) {
        ShellResult r = shell.execute(line);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    private String error(String line) {
        ShellResult r = shell.execute(line);
        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(1);
        return r.stderr();
    }

    @Test
    void explainAKindListsItsTopLevelFields() {
        String out = ok("kubectl explain pod").stdout();

        assertThat(out).startsWith("""
                KIND:       Pod
                VERSION:    v1

                DESCRIPTION:
                    Pod is a collection of containers that can run on a host. This resource is
                    created by clients and scheduled onto hosts.
                   \s
                FIELDS:
                  apiVersion\t<string>
                    APIVersion defines the versioned schema of this representation of an
                """);
        assertThat(out).contains("  spec\t<PodSpec>\n    Specification of the desired behavior of the pod.");
        assertThat(out).contains("  status\t<PodStatus>\n");
    }

    @Test
    void explainAFieldPath() {
        String out = ok("kubectl explain deployment.spec.template.spec.containers").stdout();

        assertThat(out).startsWith("""
                KIND:       Deployment
                VERSION:    apps/v1

                FIELD: containers <[]Container>

                DESCRIPTION:
                    List of containers belonging to the pod.""");
        assertThat(out).contains("  name\t<string> -required-\n").contains("  ports\t<[]ContainerPort>\n")
                .contains("  readinessProbe\t<Probe>\n");
    }

    @Test
    void explainAScalarFieldHasNoFields() {
        String out = ok("kubectl explain svc.spec.type").stdout();

        assertThat(out).contains("FIELD: type <string>").doesNotContain("FIELDS:");
    }

    @Test
    void explainsErrorsAreKubectls() {
        assertThat(error("kubectl explain pods.spec.colour")).isEqualTo("error: field \"colour\" does not exist\n");
        assertThat(error("kubectl explain widgets"))
                .isEqualTo("error: the server doesn't have a resource type \"widgets\"\n");
    }

    @Test
    void explainRecursiveListsTheFieldTree() {
        String out = ok("kubectl explain svc.spec --recursive").stdout();

        assertThat(out).contains("FIELDS:\n  allocateLoadBalancerNodePorts\t<boolean>\n")
                .contains("  ports\t<[]ServicePort>\n    appProtocol\t<string>\n")
                .contains("    targetPort\t<IntOrString>\n");
    }

    @Test
    void portForwardToAServiceReachesItsPodFromTheWorkstation() {
        assertThat(shell.execute("curl -s -m 2 localhost:8080").exitCode()).isEqualTo(7);

        assertThat(ok("kubectl port-forward svc/web 8080:80").stdout())
                .isEqualTo("Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n");

        ShellResult curl = shell.execute("curl -s localhost:8080");
        assertThat(curl.exitCode()).as(curl.stderr()).isZero();
        assertThat(curl.stdout()).contains("Hostname: web-");
    }

    @Test
    void portForwardStaysForTheSession() {
        ok("kubectl port-forward deployment/web 9090:80");
        ok("kubectl get pods");

        assertThat(shell.execute("curl -s http://127.0.0.1:9090/").stdout()).contains("Hostname: web-");
    }

    @Test
    void portForwardToAServicePortItDoesNotHave() {
        assertThat(error("kubectl port-forward svc/web 8080:81"))
                .isEqualTo("error: Service web does not have a service port 81\n");
    }

    @Test
    void portForwardNeedsPorts() {
        assertThat(error("kubectl port-forward svc/web")).startsWith(
                "error: TYPE/NAME and list of ports are required for port-forward\n");
    }

    @Test
    void aSecondForwardOnTheSamePortCannotListen() {
        ok("kubectl port-forward svc/web 8080:80");

        assertThat(error("kubectl port-forward svc/web 8080:80"))
                .endsWith("error: unable to listen on any of the requested ports: [{8080 80}]\n");
    }
}
