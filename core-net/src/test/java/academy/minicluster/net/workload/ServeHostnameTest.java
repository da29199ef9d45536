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
}
