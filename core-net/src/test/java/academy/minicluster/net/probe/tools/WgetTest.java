package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.wire.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WgetTest {

    private static final String WEB_IP = "10.96.0.12";
    private final ClientTools tools = new ClientTools(0);

    private static FakeNetwork busyboxWithWeb() {
        return FakeNetwork.pod("wget", "nc", "nslookup", ClientTools.BUSYBOX_MARKER)
                .a("web.default.svc.cluster.local.", WEB_IP).listen(WEB_IP, 80, FakeNetwork::nginx);
    }

    private ToolResult wget(FakeNetwork net, String... args) {
        List<String> argv = new ArrayList<>(List.of("wget"));
        argv.addAll(List.of(args));
        return tools.run(argv, net);
    }

    @Test
    void quietToStdoutPrintsOnlyTheBody() {
        ToolResult r = wget(busyboxWithWeb(), "-qO-", "http://web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hello from web\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void sendsBusyboxHeaders() {
        FakeNetwork net = busyboxWithWeb();

        wget(net, "-qO-", "web:80/hostname");

        assertThat(net.requests.get(0).target()).isEqualTo("/hostname");
        assertThat(net.requests.get(0).headers()).containsExactly(java.util.Map.entry("Host", "web:80"),
                java.util.Map.entry("User-Agent", "Wget"), java.util.Map.entry("Connection", "close"));
    }

    @Test
    void notQuietTellsWhereItConnectsAndDrawsTheBar() {
        ToolResult r = wget(busyboxWithWeb(), "-O-", "http://web");

        assertThat(r.stderr()).isEqualTo("""
                Connecting to web (10.96.0.12:80)
                writing to stdout
                -                    100% |********************************|    15  0:00:00 ETA
                written to stdout
                """);
    }

    @Test
    void withoutOutputFileItSavesIndexHtml() {
        ToolResult r = wget(busyboxWithWeb(), "http://web/");

        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("saving to 'index.html'\n").endsWith("'index.html' saved\n");
    }

    @Test
    void httpErrorExitsOne() {
        ToolResult r = wget(busyboxWithWeb(), "-qO-", "http://web/missing");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("wget: server returned error: HTTP/1.1 404 Not Found\n");
    }

    @Test
    void unknownHostIsABadAddress() {
        ToolResult r = wget(busyboxWithWeb(), "-qO-", "http://nosuch");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("wget: bad address 'nosuch'\n");
    }

    @Test
    void refusedConnection() {
        FakeNetwork net = busyboxWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.REFUSED);

        ToolResult r = wget(net, "-qO-", "http://web");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("wget: can't connect to remote host (10.96.0.12): Connection refused\n");
    }

    @Test
    void timeoutFlagEndsADroppedConnectionAsDownloadTimedOut() {
        FakeNetwork net = busyboxWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = wget(net, "-q", "-T", "2", "-O-", "http://web");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("wget: download timed out\n");
    }

    @Test
    void withoutTimeoutTheKernelTimeoutIsReported() {
        FakeNetwork net = busyboxWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = wget(net, "-qO-", "http://web");

        assertThat(r.stderr()).isEqualTo("wget: can't connect to remote host (10.96.0.12): Connection timed out\n");
    }

    @Test
    void spiderOnlyChecksExistence() {
        ToolResult r = wget(busyboxWithWeb(), "--spider", "http://web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("Connecting to web (10.96.0.12:80)\nremote file exists\n");
    }

    @Test
    void serverResponseFlagPrintsTheHeaders() {
        ToolResult r = wget(busyboxWithWeb(), "-qS", "-O-", "http://web");

        assertThat(r.stderr()).isEqualTo("  HTTP/1.1 200 OK\n  Server: nginx/1.27.3\n  Content-Type: text/html\n"
                + "  Content-Length: 15\n");
    }

    @Test
    void emptyReplyIsAnErrorGettingTheResponse() {
        FakeNetwork net = busyboxWithWeb().listen(WEB_IP, 80, request -> java.util.Optional.empty());

        ToolResult r = wget(net, "-qO-", "http://web");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("wget: error getting response\n");
    }

    @Test
    void httpsWorksWithoutCertificateValidationAndSaysSo() {
        academy.minicluster.net.probe.TlsHandshake fake = new academy.minicluster.net.probe.TlsHandshake(true,
                "CN=fake", "CN=fake", List.of(), false, "", null);
        FakeNetwork net = busyboxWithWeb().a("shop.example.", "172.18.255.200")
                .listenTls("172.18.255.200", 443, fake, FakeNetwork::nginx);

        ToolResult r = wget(net, "-qO-", "https://shop.example/");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hello from web\n");
        assertThat(r.stderr()).isEqualTo("wget: note: TLS certificate validation not implemented\n");
    }
}
