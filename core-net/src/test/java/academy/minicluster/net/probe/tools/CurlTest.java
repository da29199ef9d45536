package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.probe.Connection;
import academy.minicluster.net.probe.TlsHandshake;
import academy.minicluster.net.wire.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurlTest {

    private static final String WEB_IP = "10.96.0.12";
    private static final String METER_HEADER = CurlProgressMeter.HEADER;
    private static final String ZERO_LINE =
            "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";
    private static final TlsHandshake FAKE_CERT = new TlsHandshake(true,
            "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate",
            "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate",
            List.of("ingress.local"), false, "", null);

    private final ClientTools tools = new ClientTools(1_764_188_873L);

    private static FakeNetwork podWithWeb() {
        return FakeNetwork.pod("curl").a("web.default.svc.cluster.local.", WEB_IP).listen(WEB_IP, 80,
                FakeNetwork::nginx);
    }

    private ToolResult curl(FakeNetwork net, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("curl"));
        argv.addAll(List.of(args));
        return tools.run(argv, net, false);
    }

    @Test
    void silentGetPrintsTheBodyAndExitsZero() {
        ToolResult r = curl(podWithWeb(), "-s", "http://web");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hello from web\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void sendsHostUserAgentAndAcceptLikeCurl() {
        FakeNetwork net = podWithWeb();

        curl(net, "-s", "web:80/path?x=1");

        assertThat(net.requests).hasSize(1);
        assertThat(net.requests.get(0).target()).isEqualTo("/path?x=1");
        assertThat(net.requests.get(0).headers()).containsExactly(
                java.util.Map.entry("Host", "web"), java.util.Map.entry("User-Agent", "curl/8.11.1"),
                java.util.Map.entry("Accept", "*/*"));
    }

    @Test
    void dotSegmentsAreRemovedBeforeSending() {
        String[][] sentFor = {
                {"http://web/a/../b", "/b"},
                {"http://web/a/./b/", "/a/b/"},
                {"http://web/static/../api/x?y=../z", "/api/x?y=../z"},
                {"http://web/../../etc/passwd", "/etc/passwd"},
                {"http://web/a/..", "/"},
                {"http://web/a/%2e%2e/b", "/a/%2e%2e/b"},
                {"http://web/a/..b/c", "/a/..b/c"},
        };
        for (String[] row : sentFor) {
            FakeNetwork net = podWithWeb();
            curl(net, "-s", row[0]);
            assertThat(net.requests.get(0).target()).as(row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void pathAsIsSendsDotSegments() {
        FakeNetwork net = podWithWeb();

        ToolResult r = curl(net, "-s", "--path-as-is", "-w", "%{url_effective}", "-o", "/dev/null",
                "http://web/static/../api//x");

        assertThat(net.requests.get(0).target()).isEqualTo("/static/../api//x");
        assertThat(r.stdout()).isEqualTo("http://web/static/../api//x");
    }

    @Test
    void theHostHeaderKeepsTheCaseOfTheUrl() {
        FakeNetwork net = podWithWeb();

        curl(net, "-s", "http://Web/");

        assertThat(net.requests.get(0).header("Host")).isEqualTo("Web");
    }

    @Test
    void withoutSilentInAPipeTheProgressMeterGoesToStderr() {
        ToolResult r = curl(podWithWeb(), "http://web");

        assertThat(r.stderr()).isEqualTo(METER_HEADER
                + "100    15  100    15    0     0  15000      0 --:--:-- --:--:-- --:--:-- 15000\n");
    }

    @Test
    void onATerminalTheMeterIsNotDrawnForOutputToStdout() {
        ToolResult r = tools.run(List.of("curl", "http://web"), podWithWeb(), true);

        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void writeOutHttpCodeWithOutputToDevNull() {
        ToolResult r = curl(podWithWeb(), "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://web/missing");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("404");
    }

    @Test
    void writeOutVariablesAndEscapes() {
        ToolResult r = curl(podWithWeb(), "-so", "/dev/null", "-w",
                "%{remote_ip}:%{remote_port} %{time_total} %{size_download}\\n", "http://web");

        assertThat(r.stdout()).isEqualTo("10.96.0.12:80 0.000000 15\n");
    }

    @Test
    void verboseShowsResolutionConnectionRequestAndResponse() {
        ToolResult r = curl(podWithWeb(), "-sv", "http://web");

        assertThat(r.stderr()).isEqualTo("""
                * Host web:80 was resolved.
                * IPv6: (none)
                * IPv4: 10.96.0.12
                *   Trying 10.96.0.12:80...
                * Connected to web (10.96.0.12) port 80
                * using HTTP/1.x
                > GET / HTTP/1.1
                > Host: web
                > User-Agent: curl/8.11.1
                > Accept: */*
                >\s
                * Request completely sent off
                < HTTP/1.1 200 OK
                < Server: nginx/1.27.3
                < Content-Type: text/html
                < Content-Length: 15
                <\s
                { [15 bytes data]
                * Connection #0 to host web left intact
                """);
    }

    @Test
    void verboseInAPipeGluesTheFirstMeterLineToTheTrace() {
        ToolResult r = curl(podWithWeb(), "-v", "http://web");

        assertThat(r.stderr()).startsWith(METER_HEADER + ZERO_LINE + "* Host web:80 was resolved.\n");
        assertThat(r.stderr()).endsWith("{ [15 bytes data]\n"
                + "100    15  100    15    0     0  15000      0 --:--:-- --:--:-- --:--:-- 15000\n"
                + "* Connection #0 to host web left intact\n");
    }

    @Test
    void includeShowsResponseHeadersBeforeTheBody() {
        ToolResult r = curl(podWithWeb(), "-si", "http://web");

        assertThat(r.stdout()).isEqualTo("HTTP/1.1 200 OK\nServer: nginx/1.27.3\nContent-Type: text/html\n"
                + "Content-Length: 15\n\nhello from web\n");
    }

    @Test
    void headSendsHeadAndPrintsOnlyHeaders() {
        FakeNetwork net = podWithWeb();

        ToolResult r = curl(net, "-sI", "http://web");

        assertThat(net.requests.get(0).method()).isEqualTo("HEAD");
        assertThat(r.stdout()).startsWith("HTTP/1.1 200 OK\n").endsWith("Content-Length: 15\n\n");
    }

    @Test
    void unknownHostExitsSixWithShowError() {
        ToolResult r = curl(podWithWeb(), "-sS", "http://nosuch");

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("curl: (6) Could not resolve host: nosuch\n");
    }

    @Test
    void silentAloneHidesTheError() {
        ToolResult r = curl(podWithWeb(), "-s", "http://nosuch");

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void failureWithoutSilentShowsTheEmptyMeterThenTheError() {
        ToolResult r = curl(podWithWeb(), "http://nosuch");

        assertThat(r.stderr()).isEqualTo(METER_HEADER + ZERO_LINE + "\ncurl: (6) Could not resolve host: nosuch\n");
    }

    @Test
    void refusedConnectionExitsSeven() {
        FakeNetwork net = podWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.REFUSED);

        ToolResult r = curl(net, "-sSv", "http://web");

        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stderr()).endsWith("""
                *   Trying 10.96.0.12:80...
                * connect to 10.96.0.12 port 80 from 10.244.1.5 port 43210 failed: Connection refused
                * Failed to connect to web port 80 after 0 ms: Couldn't connect to server
                * Closing connection
                curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server
                """);
    }

    @Test
    void droppedConnectionTimesOutAfterTheConnectTimeout() {
        FakeNetwork net = podWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = curl(net, "-sS", "--connect-timeout", "5", "http://web");

        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr()).isEqualTo("curl: (28) Connection timed out after 5000 milliseconds\n");
    }

    @Test
    void maxTimeShorterThanConnectTimeoutWins() {
        FakeNetwork net = podWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = curl(net, "-sS", "--connect-timeout", "5", "-m", "2", "http://web");

        assertThat(r.stderr()).isEqualTo("curl: (28) Connection timed out after 2000 milliseconds\n");
    }

    @Test
    void withoutTimeoutsTheKernelGivesUpOnTheSyn() {
        FakeNetwork net = podWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.TIMEOUT);

        ToolResult r = curl(net, "-sS", "http://web");

        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr())
                .isEqualTo("curl: (28) Failed to connect to web port 80 after 127000 ms: Couldn't connect to server\n");
    }

    @Test
    void serverThatSpeaksNoHttpGivesEmptyReply() {
        FakeNetwork net = podWithWeb().listen(WEB_IP, 80, request -> java.util.Optional.empty());

        ToolResult r = curl(net, "-sS", "http://web");

        assertThat(r.exitCode()).isEqualTo(52);
        assertThat(r.stderr()).isEqualTo("curl: (52) Empty reply from server\n");
    }

    @Test
    void failFlagTurnsAnHttpErrorIntoExitTwentyTwo() {
        ToolResult r = curl(podWithWeb(), "-sSf", "http://web/missing");

        assertThat(r.exitCode()).isEqualTo(22);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("curl: (22) The requested URL returned error: 404\n");
    }

    @Test
    void writeOutPrintsZerosForAFailedTransfer() {
        FakeNetwork net = podWithWeb().outcome(WEB_IP, 80, Protocol.TCP, Connection.Outcome.REFUSED);

        ToolResult r = curl(net, "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://web");

        assertThat(r.stdout()).isEqualTo("000");
    }

    @Test
    void selfSignedCertificateExitsSixtyWithCurlsExplanation() {
        FakeNetwork net = podWithWeb().a("shop.example.", "172.18.255.200")
                .listenTls("172.18.255.200", 443, FAKE_CERT, FakeNetwork::nginx);

        ToolResult r = curl(net, "-sS", "https://shop.example");

        assertThat(r.exitCode()).isEqualTo(60);
        assertThat(r.stderr()).isEqualTo("""
                curl: (60) SSL certificate problem: self-signed certificate
                More details here: https://curl.se/docs/sslcerts.html

                curl failed to verify the legitimacy of the server and therefore could not
                establish a secure connection to it. To learn more about this situation and
                how to fix it, please visit the webpage mentioned above.
                """);
    }

    @Test
    void insecureAcceptsTheFakeCertificateAndSpeaksHttpInside() {
        FakeNetwork net = podWithWeb().a("shop.example.", "172.18.255.200")
                .listenTls("172.18.255.200", 443, FAKE_CERT, FakeNetwork::nginx);

        ToolResult r = curl(net, "-sk", "https://shop.example");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hello from web\n");
        assertThat(r.hops()).anyMatch(h -> h.decision().equals("TLS SNI shop.example"));
    }

    @Test
    void trustedCertificateForAnotherNameExitsSixty() {
        TlsHandshake trusted = new TlsHandshake(true, "CN=other.example", "CN=Let's Encrypt R3",
                List.of("other.example"), true, "", null);
        FakeNetwork net = podWithWeb().a("shop.example.", "172.18.255.200")
                .listenTls("172.18.255.200", 443, trusted, FakeNetwork::nginx);

        ToolResult r = curl(net, "-sS", "https://shop.example");

        assertThat(r.exitCode()).isEqualTo(60);
        assertThat(r.stderr()).startsWith("curl: (60) SSL: no alternative certificate subject name matches target "
                + "host name 'shop.example'\n");
    }

    @Test
    void tlsHandshakeFailureExitsThirtyFive() {
        FakeNetwork net = podWithWeb();

        ToolResult r = curl(net, "-sS", "https://web:80");

        assertThat(r.exitCode()).isEqualTo(35);
        assertThat(r.stderr())
                .isEqualTo("curl: (35) OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number\n");
    }

    @Test
    void resolveFlagSkipsDnsAndKeepsTheHostHeader() {
        FakeNetwork net = podWithWeb().listen("172.18.0.3", 30080, FakeNetwork::nginx);

        ToolResult r = curl(net, "-s", "--resolve", "shop.example:30080:172.18.0.3", "http://shop.example:30080/");

        assertThat(r.exitCode()).isZero();
        assertThat(net.questions).isEmpty();
        assertThat(net.requests.get(0).header("Host")).isEqualTo("shop.example:30080");
    }

    @Test
    void hostHeaderFlagReplacesTheDefaultHost() {
        FakeNetwork net = podWithWeb();

        curl(net, "-s", "-H", "Host: shop.example", "http://10.96.0.12/");

        assertThat(net.requests.get(0).headers().keySet()).containsExactly("Host", "User-Agent", "Accept");
        assertThat(net.requests.get(0).header("Host")).isEqualTo("shop.example");
    }

    @Test
    void dataMakesAPostWithFormContentType() {
        FakeNetwork net = podWithWeb();

        curl(net, "-s", "-d", "a=1", "http://web/");

        assertThat(net.requests.get(0).method()).isEqualTo("POST");
        assertThat(net.requests.get(0).body()).isEqualTo("a=1");
        assertThat(net.requests.get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void unknownOptionExitsTwo() {
        ToolResult r = curl(podWithWeb(), "--bogus", "http://web");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("curl: option --bogus: is unknown\n"
                + "curl: try 'curl --help' or 'curl --manual' for more information\n");
    }

    @Test
    void noUrlExitsTwo() {
        assertThat(curl(podWithWeb(), "-s").exitCode()).isEqualTo(2);
    }

    @Test
    void badPortExitsThree() {
        ToolResult r = curl(podWithWeb(), "-sS", "http://web:99999/");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr())
                .isEqualTo("curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n");
    }

    @Test
    void tracesTheDnsSearchAndTheConnection() {
        ToolResult r = curl(podWithWeb(), "-s", "http://web");

        assertThat(r.hops()).extracting(h -> h.decision()).containsExactly(
                "resolver: web -> web.default.svc.cluster.local. (search 1 of 3): 10.96.0.12",
                "CoreDNS web.default.svc.cluster.local. A -> NOERROR",
                "connected to 10.96.0.12:80",
                "GET /");
    }

    @Test
    void headlessServiceAddressesAreTriedInTurnWhenOneRefuses() {
        FakeNetwork net = FakeNetwork.pod("curl").a("db.default.svc.cluster.local.", "10.244.1.3", "10.244.2.4")
                .outcome("10.244.1.3", 80, Protocol.TCP, Connection.Outcome.REFUSED)
                .listen("10.244.2.4", 80, FakeNetwork::nginx);

        ToolResult r = curl(net, "-sv", "http://db");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("* IPv4: 10.244.1.3, 10.244.2.4\n*   Trying 10.244.1.3:80...\n"
                + "* connect to 10.244.1.3 port 80 from 10.244.1.5 port 43210 failed: Connection refused\n"
                + "*   Trying 10.244.2.4:80...\n* Connected to db (10.244.2.4) port 80\n");
    }

    @Test
    void locationFollowsARedirect() {
        FakeNetwork net = podWithWeb().listen("10.96.0.13", 80, request -> java.util.Optional.of(
                academy.minicluster.net.wire.HttpResponse.of(308, java.util.Map.of("Location", "http://web/"), "")))
                .a("old.default.svc.cluster.local.", "10.96.0.13");

        ToolResult r = curl(net, "-sL", "-w", " %{http_code} %{url_effective}", "http://old/");

        assertThat(r.stdout()).isEqualTo("hello from web\n 200 http://web/");
    }

    @Test
    void withoutLocationTheRedirectIsPrintedAsIs() {
        FakeNetwork net = podWithWeb().listen("10.96.0.13", 80, request -> java.util.Optional.of(
                academy.minicluster.net.wire.HttpResponse.of(308, java.util.Map.of("Location", "http://web/"), "")))
                .a("old.default.svc.cluster.local.", "10.96.0.13");

        ToolResult r = curl(net, "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "http://old/");

        assertThat(r.stdout()).isEqualTo("308 http://web/");
    }

    @Test
    void insecureVerboseSaysItContinuesAnyway() {
        FakeNetwork net = podWithWeb().a("shop.example.", "172.18.255.200")
                .listenTls("172.18.255.200", 443, FAKE_CERT, FakeNetwork::nginx);

        ToolResult r = curl(net, "-skv", "https://shop.example");

        assertThat(r.stderr()).contains("*  subject: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate\n")
                .contains("*  SSL certificate verify result: self-signed certificate (18), continuing anyway.\n");
    }

    @Test
    void silentNameserverWithAShortMaxTimeTimesOutResolving() {
        FakeNetwork net = podWithWeb().silentDns(FakeNetwork.CLUSTER_DNS);

        ToolResult r = curl(net, "-sS", "-m", "3", "http://web");

        assertThat(r.exitCode()).isEqualTo(28);
        assertThat(r.stderr()).isEqualTo("curl: (28) Resolving timed out after 3000 milliseconds\n");
    }

    @Test
    void silentNameserverWithoutTimeoutCannotResolve() {
        FakeNetwork net = podWithWeb().silentDns(FakeNetwork.CLUSTER_DNS);

        ToolResult r = curl(net, "-sS", "http://web");

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.stderr()).isEqualTo("curl: (6) Could not resolve host: web\n");
    }
}
