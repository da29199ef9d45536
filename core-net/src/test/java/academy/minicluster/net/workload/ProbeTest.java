package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.Test;

class ProbeTest {

    private static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.53";

    private static Probe httpGet(String path, IntOrString port) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(port).endHttpGet().build();
    }

    private static Probe tcp(int port) {
        return new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket().build();
    }

    private static Probe exec(String... command) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec().build();
    }

    @Test
    void httpGetOnAnExistingPathSucceeds() {
        assertThat(run(AGNHOST, "netexec").probe(httpGet("/healthz", new IntOrString(8080)), POD_IP))
                .isEqualTo(ProbeResult.SUCCESS);
    }

    @Test
    void httpGetOnAWrongPathFailsWithTheStatusCode() {
        SimulatedContainer nginx = run(container("nginx").build());

        assertThat(nginx.probe(httpGet("/healthz", new IntOrString(80)), POD_IP)).isEqualTo(new ProbeResult(false,
                "Readiness probe failed: HTTP probe failed with statuscode: 404"));
    }

    @Test
    void httpGetOnAPortNothingListensOnIsRefused() {
        SimulatedContainer nginx = run(container("nginx").build());

        assertThat(nginx.probe(httpGet("/healthz", new IntOrString(8080)), POD_IP).message()).isEqualTo(
                "Readiness probe failed: Get \"http://10.244.1.3:8080/healthz\": dial tcp 10.244.1.3:8080: "
                        + "connect: connection refused");
    }

    @Test
    void aNamedPortIsResolvedAgainstTheContainersPorts() {
        SimulatedContainer nginx = run(container("nginx").addNewPort().withName("http").withContainerPort(80)
                .endPort().build());

        assertThat(nginx.probe(httpGet("/", new IntOrString("http")), POD_IP).success()).isTrue();
    }

    @Test
    void anUnknownNamedPortErrors() {
        SimulatedContainer nginx = run(container("nginx").build());

        assertThat(nginx.probe(httpGet("/", new IntOrString("web")), POD_IP).message())
                .isEqualTo("Readiness probe errored: strconv.Atoi: parsing \"web\": invalid syntax");
    }

    @Test
    void httpsAgainstAPlainServerFails() {
        Probe probe = new ProbeBuilder().withNewHttpGet().withPath("/").withPort(new IntOrString(80))
                .withScheme("HTTPS").endHttpGet().build();

        assertThat(run(container("nginx").build()).probe(probe, POD_IP).message()).isEqualTo(
                "Readiness probe failed: Get \"https://10.244.1.3:80/\": http: server gave HTTP response to HTTPS client");
    }

    @Test
    void tcpSocketSucceedsWhenSomethingListens() {
        assertThat(run(container("nginx").build()).probe(tcp(80), POD_IP).success()).isTrue();
    }

    @Test
    void tcpSocketIsRefusedWhenNothingListens() {
        assertThat(run(container("nginx").build()).probe(tcp(81), POD_IP).message())
                .isEqualTo("Readiness probe failed: dial tcp 10.244.1.3:81: connect: connection refused");
    }

    @Test
    void livenessIsNamedInTheMessage() {
        assertThat(run(container("nginx").build()).probe(ProbeResult.ProbeType.LIVENESS, tcp(81), POD_IP)
                .message()).startsWith("Liveness probe failed: ");
    }

    @Test
    void netexecHealthzFailsWhenItsUdpServerIsOff() {
        assertThat(run(AGNHOST, "netexec", "--udp-port=-1").probe(httpGet("/healthz", new IntOrString(8080)),
                POD_IP).message()).isEqualTo("Readiness probe failed: HTTP probe failed with statuscode: 412");
    }

    @Test
    void execCatIsTakenToSucceed() {
        assertThat(run(container("busybox").withCommand("sleep", "3600").build())
                .probe(exec("cat", "/tmp/healthy"), POD_IP).success()).isTrue();
    }

    @Test
    void execFalseFails() {
        assertThat(run(container("busybox").withCommand("sleep", "3600").build())
                .probe(exec("false"), POD_IP)).isEqualTo(new ProbeResult(false, "Readiness probe failed: "));
    }

    @Test
    void execOfACommandTheImageLacksErrors() {
        assertThat(run(container("traefik/whoami").build()).probe(exec("curl", "-f", "http://localhost/"), POD_IP)
                .message()).endsWith("exec: \"curl\": executable file not found in $PATH: unknown")
                .startsWith("Readiness probe errored: ");
    }

    @Test
    void execCurlAgainstLocalhostIsAnsweredByTheContainer() {
        SimulatedContainer nginx = run(container("nginx").build());

        assertThat(nginx.probe(exec("curl", "-f", "http://localhost/"), POD_IP).success()).isTrue();
        assertThat(nginx.probe(exec("curl", "-f", "http://localhost/healthz"), POD_IP).message())
                .isEqualTo("Readiness probe failed: curl: (22) The requested URL returned error: 404\n");
    }

    @Test
    void aContainerThatIsNotRunningIsNotReady() {
        assertThat(run(container("busybox").build()).probe(tcp(80), POD_IP).success()).isFalse();
    }

    @Test
    void probesAreNotWrittenToTheAccessLog() {
        SimulatedContainer nginx = run(container("nginx").build());

        nginx.probe(httpGet("/", new IntOrString(80)), POD_IP);

        assertThat(nginx.accessLog()).isEmpty();
    }
}
