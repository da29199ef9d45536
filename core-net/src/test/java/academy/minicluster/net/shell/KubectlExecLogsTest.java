package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code kubectl exec}, {@code logs} and {@code debug node/NAME}: which pod and container, and kubectl's messages. */
class KubectlExecLogsTest {

    private final Shell shell = KubectlFixture.webApp();

    @Test
    void execRunsTheCommandInThePod() {
        ShellResult r = shell.execute("kubectl exec client -- curl -s -o /dev/null -w %{http_code} web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("200");
    }

    @Test
    void execUnwrapsShDashC() {
        assertThat(shell.execute("kubectl exec client -- sh -c 'curl -s -o /dev/null -w %{http_code} web'").stdout())
                .isEqualTo("200");
    }

    @Test
    void execIntoAnUnknownContainerIsABadRequest() {
        ShellResult r = shell.execute("kubectl exec client -c nope -- ls");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error from server (BadRequest): container nope is not valid for pod client\n");
    }

    @Test
    void execWithoutCommandIsRefused() {
        assertThat(shell.execute("kubectl exec client").stderr())
                .isEqualTo("error: you must specify at least one command for the container\n");
    }

    @Test
    void execIntoAMissingPodIsNotFound() {
        assertThat(shell.execute("kubectl exec nope -- ls").stderr())
                .isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    }

    @Test
    void logsOfADeploymentSayWhichPodTheyShow() {
        ShellResult r = shell.execute("kubectl logs deploy/web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("Found 3 pods, using pod/web-7495cc9b7d-chvjm\n");
        assertThat(r.stdout()).startsWith("2026/01/01 09:05:13 Starting up on port 80\n");
    }

    @Test
    void logsTailKeepsTheLastLines() {
        shell.execute("kubectl exec client -- curl -s web-7495cc9b7d-chvjm");
        shell.execute("kubectl exec client -- curl -s 10.244.2.2");

        String out = shell.execute("kubectl logs web-7495cc9b7d-chvjm --tail=1").stdout();

        assertThat(out.lines()).hasSize(1);
    }

    @Test
    void logsWithoutPodExplainTheUsage() {
        assertThat(shell.execute("kubectl logs").stderr()).isEqualTo("""
                error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
                POD or TYPE/NAME is a required argument for the logs command
                See 'kubectl logs -h' for help and examples
                """);
    }

    @Test
    void debugNodeAnnouncesItsPodAndRunsOnTheNode() {
        ShellResult r = shell.execute("kubectl debug node/worker -it --image=nicolaka/netshoot -- "
                + "curl -s -o /dev/null -w %{http_code} http://10.109.162.249");

        assertThat(r.stdout()).startsWith("Creating debugging pod node-debugger-worker-")
                .endsWith(" with container debugger on node worker.\n200");
    }

    private static final String TWO_CONTAINERS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: duo
            spec:
              containers:
              - name: web
                image: nginx
              - name: tools
                image: nicolaka/netshoot
                command: ["sleep", "3600"]
            """;

    @Test
    void execIntoAPodOfSeveralContainersSaysWhichItChose() {
        shell.execute("kubectl apply -f -", TWO_CONTAINERS);

        ShellResult r = shell.execute("kubectl exec duo -- hostname");

        assertThat(r.stderr()).startsWith("Defaulted container \"web\" out of: web, tools\n");
    }

    @Test
    void execWithContainerFlagRunsThere() {
        shell.execute("kubectl apply -f -", TWO_CONTAINERS);

        ShellResult r = shell.execute("kubectl exec duo -c tools -- curl -s -o /dev/null -w %{http_code} localhost");

        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo("200");
    }

    @Test
    void logsOfTheNamedContainer() {
        shell.execute("kubectl apply -f -", TWO_CONTAINERS);

        ShellResult r = shell.execute("kubectl logs duo -c tools");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
    }
}
