package academy.minicluster.net.workload;

import static academy.minicluster.net.workload.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.Protocol;
import org.junit.jupiter.api.Test;

class ServeHostnameTest {

    private static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.53";

    @Test
    void servesHttpOn9376ByDefault() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname");

        assertThat(server.listeners()).containsExactly(new Listener(9376, Protocol.TCP, Listener.Kind.HTTP));
        assertThat(server.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 9376)).orElseThrow().body())
                .isEqualTo(POD_NAME);
    }

    @Test
    void logsEachHttpRequestWithTheClientAddress() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname");

        server.serveHttp(curl("/", "web"), from(SNAT_NODE_IP, 9376));

        assertThat(server.accessLog()).containsExactly("2026/11/26 10:10:00 HTTP request from 172.18.0.3:51234");
        assertThat(server.startupLog()).containsExactly("2026/11/26 10:00:00 Serving on port 9376.");
    }

    @Test
    void rawTcpAsTheNetworkPolicyE2eTestsRunIt() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname", "--tcp", "--http=false", "--port", "80");

        assertThat(server.listeners()).containsExactly(new Listener(80, Protocol.TCP, Listener.Kind.RAW_TCP));
        assertThat(server.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 80))).isEmpty();
        assertThat(server.serveRaw(80, Protocol.TCP, "", from(CLIENT_POD_IP, 80))).contains(POD_NAME);
        assertThat(server.accessLog()).containsExactly("2026/11/26 10:10:00 TCP request from 10.244.2.4:51234");
    }

    @Test
    void rawUdpAnswersAnyDatagram() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname", "--udp", "--http=false", "--port=81");

        assertThat(server.listeners()).containsExactly(new Listener(81, Protocol.UDP, Listener.Kind.RAW_UDP));
        assertThat(server.serveRaw(81, Protocol.UDP, "anything", from(CLIENT_POD_IP, 81))).contains(POD_NAME);
    }

    @Test
    void rawModeWithHttpStillOnRefusesToStart() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname", "--tcp");

        assertThat(server.isRunning()).isFalse();
        assertThat(server.startupLog()).containsExactly("Can't server TCP/UDP mode and HTTP mode at the same time");
    }

    @Test
    void closeFlagAddsConnectionClose() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname", "--close");

        assertThat(server.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 9376)).orElseThrow().headers())
                .containsEntry("Connection", "close");
    }

    @Test
    void hasNoSctpModeSoTheFlagIsUnknown() {
        SimulatedContainer server = run(AGNHOST, "serve-hostname", "--sctp", "--http=false");

        assertThat(server.isRunning()).isFalse();
        assertThat(server.startupLog()).containsExactly("Error: unknown flag: --sctp");
    }

    @Test
    void porterServesSctpAsTheNetworkPolicyE2eTestsRunIt() {
        SimulatedContainer porter = run(container(AGNHOST).withCommand("/agnhost", "porter")
                .withEnv(new io.fabric8.kubernetes.api.model.EnvVar("SERVE_SCTP_PORT_80", "foo", null)).build());

        assertThat(porter.listeners()).containsExactly(new Listener(80, Protocol.SCTP, Listener.Kind.RAW_SCTP));
        assertThat(porter.serveRaw(80, Protocol.SCTP, "", from(CLIENT_POD_IP, 80))).contains("foo");
    }

    @Test
    void porterServesHttpAnsweringTheVariablesValue() {
        SimulatedContainer porter = run(container(AGNHOST).withArgs("porter")
                .withEnv(new io.fabric8.kubernetes.api.model.EnvVar("SERVE_PORT_8080", "bar", null)).build());

        assertThat(porter.serveHttp(curl("/", "web"), from(CLIENT_POD_IP, 8080)).orElseThrow().body())
                .isEqualTo("bar");
    }
}
