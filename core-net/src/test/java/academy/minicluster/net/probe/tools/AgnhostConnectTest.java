package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgnhostConnectTest {

    private static final String WEB_IP = "10.96.0.12";
    private final ClientTools tools = new ClientTools(0);

    private static FakeNetwork agnhost() {
        return FakeNetwork.pod("/agnhost").a("web.default.svc.cluster.local.", WEB_IP)
                .listen(WEB_IP, 80, FakeNetwork::nginx);
    }

    private ToolResult connect(FakeNetwork net, String... args) {
        List<String> argv = new ArrayList<>(List.of("/agnhost", "connect"));
        argv.addAll(List.of(args));
        return tools.run(argv, net);
    }

    @Test
    void openConnectionIsSilentSuccess() {
        ToolResult r = connect(agnhost(), "web:80", "--timeout=1s", "--protocol=tcp");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void droppedConnectionIsTimeout() {
        FakeNetwork net = agnhost().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = connect(net, "web:80", "--timeout=1s");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("TIMEOUT\n");
    }

    @Test
    void refusedConnectionIsRefused() {
        FakeNetwork net = agnhost().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.REFUSED);

        assertThat(connect(net, "web:80", "--timeout=1s").stderr()).isEqualTo("REFUSED\n");
    }

    @Test
    void unknownNameIsADnsError() {
        ToolResult r = connect(agnhost(), "nosuch:80", "--timeout=1s");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("DNS: lookup nosuch on 10.96.0.10:53: no such host\n");
    }

    @Test
    void missingPortIsUnknown() {
        assertThat(connect(agnhost(), "web").stderr()).isEqualTo("UNKNOWN: address web: missing port in address\n");
    }

    @Test
    void udpNeedsAnAnswerToTheHostnameDatagram() {
        FakeNetwork net = agnhost().udp(WEB_IP, 81, payload -> Optional.of("web-7d4b9c-abcde"));

        ToolResult r = connect(net, "web:81", "--timeout=1s", "--protocol=udp");

        assertThat(r.exitCode()).isZero();
        assertThat(r.hops()).anyMatch(h -> h.decision().equals("datagram hostname"));
    }

    @Test
    void udpWithoutAnswerTimesOut() {
        FakeNetwork net = agnhost().udp(WEB_IP, 81, payload -> Optional.empty());

        ToolResult r = connect(net, "web:81", "--timeout=1s", "--protocol=udp");

        assertThat(r.stderr()).isEqualTo("TIMEOUT: read udp 10.244.1.5:43210->10.96.0.12:81: i/o timeout\n");
    }
}
