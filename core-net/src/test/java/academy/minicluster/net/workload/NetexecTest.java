package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.HttpResponse;
import academy.minicluster.net.wire.Protocol;
import org.junit.jupiter.api.Test;

class NetexecTest {

    private static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.53";

    private final SimulatedContainer netexec = run(AGNHOST, "netexec");

    private String get(SimulatedContainer container, String target, String clientIp) {
        return container.serveHttp(curl(target, "web"), from(clientIp, 8080)).orElseThrow().body();
    }

    @Test
    void listensOnHttp8080AndUdp8081ByDefault() {
        assertThat(netexec.listeners()).containsExactly(
                new Listener(8080, Protocol.TCP, Listener.Kind.HTTP),
                new Listener(8081, Protocol.UDP, Listener.Kind.UDP_AGNHOST));
    }

    @Test
    void portFlagsMoveAndDisableServers() {
        SimulatedContainer moved = run(AGNHOST, "netexec", "--http-port=9000", "--udp-port", "-1",
                "--sctp-port=9002");

        assertThat(moved.listeners()).containsExactly(
                new Listener(9000, Protocol.TCP, Listener.Kind.HTTP),
                new Listener(9002, Protocol.SCTP, Listener.Kind.SCTP_AGNHOST));
    }

    @Test
    void clientipShowsTheAddressTheServerSawAfterSnat() {
        assertThat(get(netexec, "/clientip", SNAT_NODE_IP)).isEqualTo("172.18.0.3:51234");
    }

    @Test
    void hostnameIsThePodName() {
        assertThat(get(netexec, "/hostname", CLIENT_POD_IP)).isEqualTo(POD_NAME);
    }

    @Test
    void echoAnswersTheMessageUnchanged() {
        assertThat(get(netexec, "/echo?msg=hello%20world", CLIENT_POD_IP)).isEqualTo("hello world");
    }

    @Test
    void echoWithCodeAnswersThatStatus() {
        HttpResponse response = netexec.serveHttp(curl("/echo?msg=gone&code=410", "web"),
                from(CLIENT_POD_IP, 8080)).orElseThrow();

        assertThat(response.status()).isEqualTo(410);
    }

    @Test
    void headerWithKeyAnswersThatHeader() {
        assertThat(get(netexec, "/header?key=user-agent", CLIENT_POD_IP)).isEqualTo("curl/8.14.1");
    }

    @Test
    void headerWithoutKeyAnswersAllHeadersAsJson() {
        assertThat(get(netexec, "/header", CLIENT_POD_IP))
                .isEqualTo("{\"Accept\":[\"*/*\"],\"User-Agent\":[\"curl/8.14.1\"]}");
    }

    @Test
    void rootAnswersTheTimeAsGoPrintsIt() {
        assertThat(get(netexec, "/", CLIENT_POD_IP)).startsWith("NOW: 2026-11-26 10:10:00 +0000 UTC m=+600.");
    }

    @Test
    void healthzIs200WhileTheUdpServerRuns() {
        assertThat(netexec.serveHttp(curl("/healthz", "web"), from(CLIENT_POD_IP, 8080)).orElseThrow().status())
                .isEqualTo(200);
    }

    @Test
    void healthzIs412WithoutUdpNorSctpServer() {
        SimulatedContainer noUdp = run(AGNHOST, "netexec", "--udp-port=-1");

        assertThat(noUdp.serveHttp(curl("/healthz", "web"), from(CLIENT_POD_IP, 8080)).orElseThrow().status())
                .isEqualTo(412);
    }

    @Test
    void logsEachHandlerWithoutTheClientAddress() {
        get(netexec, "/hostname", CLIENT_POD_IP);
        get(netexec, "/echo?msg=hi", CLIENT_POD_IP);

        assertThat(netexec.accessLog()).containsExactly("2026/11/26 10:10:00 GET /hostname",
                "2026/11/26 10:10:00 GET /echo?msg=hi&code=");
    }

    @Test
    void startupLogNamesBothServers() {
        assertThat(netexec.startupLog()).containsExactly("2026/11/26 10:00:00 Started HTTP server on port 8080",
                "2026/11/26 10:00:00 Started UDP server on port  8081");
    }

    @Test
    void udpAnswersHostnameEchoAndClientip() {
        ConnectionInfo conn = from(CLIENT_POD_IP, 8081);

        assertThat(netexec.serveRaw(8081, Protocol.UDP, "hostname\n", conn)).contains(POD_NAME);
        assertThat(netexec.serveRaw(8081, Protocol.UDP, "echo Hi There", conn)).contains("hi there");
        assertThat(netexec.serveRaw(8081, Protocol.UDP, "clientip", conn)).contains("10.244.2.4:51234");
    }

    @Test
    void udpIgnoresAnUnknownCommandAndLogsIt() {
        assertThat(netexec.serveRaw(8081, Protocol.UDP, "what", from(CLIENT_POD_IP, 8081))).isEmpty();
        assertThat(netexec.accessLog()).containsExactly(
                "2026/11/26 10:10:00 Unknown UDP command received from 10.244.2.4:51234: what");
    }

    @Test
    void httpIsNotAnsweredOnTheUdpPort() {
        assertThat(netexec.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 8081))).isEmpty();
    }

    @Test
    void aSingleDashFlagIsACobraShorthandError() {
        SimulatedContainer typo = run(AGNHOST, "netexec", "-http-port=8080");

        assertThat(typo.isRunning()).isFalse();
        assertThat(typo.startupLog()).containsExactly(
                "Error: unknown shorthand flag: 'h' in -http-port=8080");
    }

    @Test
    void theAlpineBasedImageCarriesDigCurlAndNc() {
        assertThat(netexec.executables()).contains("/agnhost", "dig", "nslookup", "curl", "nc", "wget", "ip", "sh");
    }

    @Test
    void withoutArgsTheImageRunsPause() {
        SimulatedContainer paused = run(container(AGNHOST).build());

        assertThat(paused.argv()).containsExactly("/agnhost", "pause");
        assertThat(paused.isRunning()).isTrue();
        assertThat(paused.listeners()).isEmpty();
        assertThat(paused.startupLog()).containsExactly("Paused");
    }

    @Test
    void connectIsAClientThatExits() {
        SimulatedContainer connect = run(AGNHOST, "connect", "web:80", "--timeout=1s", "--protocol=tcp");

        assertThat(connect.listeners()).isEmpty();
        assertThat(connect.isRunning()).isFalse();
    }

    @Test
    void anUnknownSubcommandIsCobrasError() {
        SimulatedContainer unknown = run(AGNHOST, "serve-hostnames");

        assertThat(unknown.startupLog()).containsExactly(
                "Error: unknown command \"serve-hostnames\" for \"agnhost\"", "Run 'agnhost --help' for usage.");
    }

    @Test
    void agnhostWithoutAPathIsNotInPath() {
        SimulatedContainer bare = run(container(AGNHOST).withCommand("agnhost", "netexec").build());

        assertThat(bare.state()).isInstanceOf(ContainerState.Terminated.class);
        assertThat(((ContainerState.Terminated) bare.state()).reason()).isEqualTo("StartError");
        assertThat(((ContainerState.Terminated) bare.state()).message())
                .contains("exec: \"agnhost\": executable file not found in $PATH");
    }
}
