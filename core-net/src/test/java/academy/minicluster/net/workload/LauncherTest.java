package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.Container;
import org.junit.jupiter.api.Test;

/** How the runtime and the images' programs turn an argv into a running process. */
class LauncherTest {

    @Test
    void commandWithoutArgsDropsTheImagesCmd() {
        SimulatedContainer c = run(container("registry.k8s.io/e2e-test-images/agnhost:2.53")
                .withCommand("/agnhost", "serve-hostname").build());

        assertThat(c.argv()).containsExactly("/agnhost", "serve-hostname");
        assertThat(c.listensOn(9376, Protocol.TCP)).isTrue();
    }

    @Test
    void commandAndArgsAreJoined() {
        SimulatedContainer c = run(container("registry.k8s.io/e2e-test-images/agnhost:2.53")
                .withCommand("/agnhost").withArgs("netexec", "--http-port=8000").build());

        assertThat(c.argv()).containsExactly("/agnhost", "netexec", "--http-port=8000");
        assertThat(c.listensOn(8000, Protocol.TCP)).isTrue();
    }

    @Test
    void aShellLoopKeepsTheContainerRunning() {
        SimulatedContainer c = run(container("busybox")
                .withCommand("sh", "-c", "while true; do wget -qO- http://web; sleep 5; done").build());

        assertThat(c.isRunning()).isTrue();
    }

    @Test
    void aShellScriptEndingInAOneShotCommandCompletes() {
        SimulatedContainer c = run(container("busybox").withCommand("sh", "-c", "echo hello").build());

        assertThat(c.state()).isEqualTo(new ContainerState.Terminated(0, "Completed", "hello"));
        assertThat(c.startupLog()).containsExactly("hello");
    }

    @Test
    void aShellCanExecTheServer() {
        SimulatedContainer c = run(container("nginx").withCommand("/bin/sh", "-c", "exec nginx -g 'daemon off;'")
                .build());

        assertThat(c.listensOn(80, Protocol.TCP)).isTrue();
    }

    @Test
    void theSameInputGivesTheSameOutputByteForByte() {
        Container container = container("traefik/whoami").withArgs("--verbose").build();
        SimulatedContainer first = run(container);
        SimulatedContainer second = run(container);

        first.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80));
        second.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80));

        assertThat(first.logs()).isEqualTo(second.logs());
        assertThat(first.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80)))
                .isEqualTo(second.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80)));
    }

    @Test
    void hostNetworkPodsHaveTheNodesHostname() {
        Container container = container("busybox").withCommand("sleep", "3600").build();
        var pod = podWith(container);
        pod.getSpec().setHostNetwork(true);

        assertThat(SimulatedContainer.of(pod, container).hostname()).isEqualTo("worker");
    }

    @Test
    void specHostnameOverridesThePodName() {
        Container container = container("registry.k8s.io/e2e-test-images/agnhost:2.53")
                .withArgs("serve-hostname").build();
        var pod = podWith(container);
        pod.getSpec().setHostname("db-0");

        SimulatedContainer c = SimulatedContainer.of(pod, container);

        assertThat(c.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 9376)).orElseThrow().body()).isEqualTo("db-0");
    }
}
