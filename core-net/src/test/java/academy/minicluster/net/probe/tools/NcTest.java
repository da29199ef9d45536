package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NcTest {

    private static final String WEB_IP = "10.96.0.12";
    private final ClientTools tools = new ClientTools(0);

    private static FakeNetwork busybox() {
        return FakeNetwork.pod("nc", ClientTools.BUSYBOX_MARKER).a("web.default.svc.cluster.local.", WEB_IP)
                .listen(WEB_IP, 80, FakeNetwork::nginx);
    }

    private static FakeNetwork netshoot() {
        return FakeNetwork.pod("nc", "curl", "dig").a("web.default.svc.cluster.local.", WEB_IP)
                .listen(WEB_IP, 80, FakeNetwork::nginx);
    }

    private ToolResult nc(FakeNetwork net, String... args) {
        List<String> argv = new ArrayList<>(List.of("nc"));
        argv.addAll(List.of(args));
        return tools.run(argv, net);
    }

    @Test
    void busyboxReportsAnOpenPort() {
        ToolResult r = nc(busybox(), "-zv", "web", "80");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("web (10.96.0.12:80) open\n");
    }

    @Test
    void busyboxIsSilentWithoutVerbose() {
        ToolResult r = nc(busybox(), "-z", "web", "80");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void busyboxDoesNotPrintARefusalAtOneVerboseLevel() {
        FakeNetwork net = busybox().outcome(WEB_IP, 81, Protocol.TCP, Connection.Outcome.REFUSED);

        ToolResult r = nc(net, "-zv", "web", "81");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void busyboxPrintsTheRefusalWithTwoVerboseLevels() {
        FakeNetwork net = busybox().outcome(WEB_IP, 81, Protocol.TCP, Connection.Outcome.REFUSED);

        ToolResult r = nc(net, "-zvv", "web", "81");

        assertThat(r.stderr()).isEqualTo("nc: web (10.96.0.12:81): Connection refused\n");
    }

    @Test
    void busyboxTimeout() {
        FakeNetwork net = busybox().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = nc(net, "-zv", "-w", "2", "web", "80");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("nc: web (10.96.0.12:80): Connection timed out\n");
    }

    @Test
    void busyboxBadAddress() {
        ToolResult r = nc(busybox(), "-zv", "nosuch", "80");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("nc: bad address 'nosuch'\n");
    }

    @Test
    void openbsdReportsSuccessWithTheServiceName() {
        ToolResult r = nc(netshoot(), "-zv", "web", "80");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("Connection to web (10.96.0.12) 80 port [tcp/http] succeeded!\n");
    }

    @Test
    void openbsdOmitsTheAddressForALiteral() {
        ToolResult r = nc(netshoot(), "-zv", WEB_IP, "80");

        assertThat(r.stderr()).isEqualTo("Connection to 10.96.0.12 80 port [tcp/http] succeeded!\n");
    }

    @Test
    void openbsdRefused() {
        FakeNetwork net = netshoot().outcome(WEB_IP, 5678, Protocol.TCP, Connection.Outcome.REFUSED);

        ToolResult r = nc(net, "-zv", "web", "5678");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr())
                .isEqualTo("nc: connect to web (10.96.0.12) port 5678 (tcp) failed: Connection refused\n");
    }

    @Test
    void openbsdTimeoutWithWait() {
        FakeNetwork net = netshoot().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = nc(net, "-zv", "-w", "2", "web", "80");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr())
                .isEqualTo("nc: connect to web (10.96.0.12) port 80 (tcp) timed out: Operation now in progress\n");
    }

    @Test
    void openbsdUnknownHostOnMusl() {
        ToolResult r = nc(netshoot(), "-zv", "nosuch", "80");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("nc: getaddrinfo for host \"nosuch\" port 80: Name does not resolve\n");
    }

    @Test
    void openbsdUnknownHostOnTheWorkstationsGlibc() {
        ToolResult r = nc(FakeNetwork.workstation(), "-zv", "nosuch", "80");

        assertThat(r.stderr())
                .isEqualTo("nc: getaddrinfo for host \"nosuch\" port 80: Name or service not known\n");
    }

    @Test
    void udpProbeSucceedsWhenNothingComesBack() {
        FakeNetwork net = netshoot().outcome("10.96.0.10", 53, Protocol.UDP, Connection.Outcome.TIMEOUT);

        ToolResult r = nc(net, "-zuv", "10.96.0.10", "53");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("Connection to 10.96.0.10 53 port [udp/domain] succeeded!\n");
    }

    @Test
    void udpProbeFailsOnPortUnreachable() {
        FakeNetwork net = busybox().outcome(WEB_IP, 53, Protocol.UDP, Connection.Outcome.REFUSED);

        assertThat(nc(net, "-zuv", "web", "53").exitCode()).isEqualTo(1);
    }

    @Test
    void openbsdTriesTheNextAddressAfterARefusal() {
        FakeNetwork net = FakeNetwork.pod("nc").a("db.default.svc.cluster.local.", "10.244.1.3", "10.244.2.4")
                .outcome("10.244.1.3", 5432, Protocol.TCP, Connection.Outcome.REFUSED)
                .outcome("10.244.2.4", 5432, Protocol.TCP, Connection.Outcome.ESTABLISHED);

        ToolResult r = nc(net, "-zv", "db", "5432");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("nc: connect to db (10.244.1.3) port 5432 (tcp) failed: Connection refused\n"
                + "Connection to db (10.244.2.4) 5432 port [tcp/postgresql] succeeded!\n");
    }
}
