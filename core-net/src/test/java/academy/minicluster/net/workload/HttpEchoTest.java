package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

class HttpEchoTest {

    private final SimulatedContainer echo = run("hashicorp/http-echo:1.0", "-text=hello from blue");

    @Test
    void listensOn5678ByDefault() {
        assertThat(echo.listeners()).containsExactly(new Listener(5678, Protocol.TCP, Listener.Kind.HTTP));
    }

    @Test
    void listenFlagChoosesThePort() {
        SimulatedContainer onEightyEighty = run("hashicorp/http-echo", "-listen=:8080", "-text", "hi");

        assertThat(onEightyEighty.listensOn(8080, Protocol.TCP)).isTrue();
        assertThat(onEightyEighty.listensOn(5678, Protocol.TCP)).isFalse();
    }

    @Test
    void anyPathAnswersTheTextAndANewline() {
        HttpResponse response = echo.serveHttp(curl("/anything/at/all", "web"), from(CLIENT_POD_IP, 5678))
                .orElseThrow();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from blue\n");
        assertThat(response.headers()).containsEntry("X-App-Name", "http-echo")
                .containsEntry("Content-Type", "text/plain; charset=utf-8").containsEntry("Content-Length", "16");
    }

    @Test
    void statusCodeFlagSetsTheStatus() {
        SimulatedContainer teapot = run("hashicorp/http-echo", "-text=nope", "-status-code=503");

        assertThat(teapot.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 5678)).orElseThrow().status())
                .isEqualTo(503);
    }

    @Test
    void healthAnswersJsonAndIsNotLogged() {
        HttpResponse response = echo.serveHttp(curl("/health", "web"), from(CLIENT_POD_IP, 5678)).orElseThrow();

        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}\n");
        assertThat(echo.accessLog()).isEmpty();
    }

    @Test
    void logsEachRequestWithHostAndTheRemoteAddressItSaw() {
        echo.serveHttp(curl("/blue", "blue.example.com"), from(SNAT_NODE_IP, 5678));

        assertThat(echo.accessLog()).containsExactly("2026/11/26 10:10:00 blue.example.com 172.18.0.3:51234 "
                + "\"GET /blue HTTP/1.1\" 200 16 \"curl/8.14.1\" 45.1µs");
    }

    @Test
    void startupLogSaysWhereItListens() {
        assertThat(echo.startupLog()).containsExactly("2026/11/26 10:00:00 [INFO] server is listening on :5678");
    }

    @Test
    void withoutTextItExits127AndTheDeploymentCrashLoops() {
        SimulatedContainer noText = run(container("hashicorp/http-echo").build());

        assertThat(noText.isRunning()).isFalse();
        assertThat(noText.state()).isEqualTo(new ContainerState.Terminated(127, "Error",
                "Missing -text option or ECHO_TEXT env var!"));
        assertThat(noText.state().statusColumn("Always")).isEqualTo("CrashLoopBackOff");
        assertThat(noText.listeners()).isEmpty();
    }

    @Test
    void echoTextFromThePodsEnvReplacesTheFlag() {
        SimulatedContainer fromEnv = run(container("hashicorp/http-echo")
                .withEnv(new EnvVar("ECHO_TEXT", "from env", null)).build());

        assertThat(fromEnv.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 5678)).orElseThrow().body())
                .isEqualTo("from env\n");
    }

    @Test
    void anUndefinedFlagStopsItAsGosFlagPackageDoes() {
        SimulatedContainer typo = run("hashicorp/http-echo", "-txt=hi");

        assertThat(typo.state()).isInstanceOf(ContainerState.Terminated.class);
        assertThat(((ContainerState.Terminated) typo.state()).exitCode()).isEqualTo(2);
        assertThat(typo.startupLog()).first().isEqualTo("flag provided but not defined: -txt");
    }

    @Test
    void aListenAddressWithoutPortFailsAtStart() {
        SimulatedContainer bad = run("hashicorp/http-echo", "-text=x", "-listen=8080");

        assertThat(bad.isRunning()).isFalse();
        assertThat(bad.startupLog()).contains(
                "[ERR] server exited with: listen tcp: address 8080: missing port in address");
    }

    @Test
    void theDistrolessImageHasNoShell() {
        assertThat(echo.hasExecutable("sh")).isFalse();
        assertThat(echo.hasExecutable("curl")).isFalse();
        assertThat(SimulatedContainer.executableNotFound("sh"))
                .isEqualTo("exec: \"sh\": executable file not found in $PATH");
    }
}
