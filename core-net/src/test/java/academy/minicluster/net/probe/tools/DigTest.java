package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigTest {

    /** Wed Nov 26 2025 20:27:53 UTC. */
    private static final long WHEN = 1_764_188_873L;
    private final ClientTools tools = new ClientTools(WHEN);

    private static FakeNetwork netshoot() {
        return FakeNetwork.pod("dig").a("web.default.svc.cluster.local.", "10.96.0.12");
    }

    private ToolResult dig(FakeNetwork net, String... args) {
        List<String> argv = new ArrayList<>(List.of("dig"));
        argv.addAll(List.of(args));
        return tools.run(argv, net);
    }

    @Test
    void fullOutputOfAnAuthoritativeClusterAnswer() {
        ToolResult r = dig(netshoot(), "web.default.svc.cluster.local");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("""

                ; <<>> DiG 9.18.28 <<>> web.default.svc.cluster.local
                ;; global options: +cmd
                ;; Got answer:
                ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: %s
                ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
                ;; WARNING: recursion requested but not available

                ;; OPT PSEUDOSECTION:
                ; EDNS: version: 0, flags:; udp: 1232
                ; COOKIE: %s (echoed)
                ;; QUESTION SECTION:
                ;web.default.svc.cluster.local.\tIN\tA

                ;; ANSWER SECTION:
                web.default.svc.cluster.local. 30 IN\tA\t10.96.0.12

                ;; Query time: 0 msec
                ;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)
                ;; WHEN: Wed Nov 26 20:27:53 UTC 2025
                ;; MSG SIZE  rcvd: 86

                """.formatted(idOf(r), cookieOf(r)));
    }

    @Test
    void sameQuestionGivesTheSameOutputByteForByte() {
        assertThat(dig(netshoot(), "web.default.svc.cluster.local").stdout())
                .isEqualTo(dig(netshoot(), "web.default.svc.cluster.local").stdout());
    }

    @Test
    void shortPrintsOnlyTheData() {
        ToolResult r = dig(netshoot(), "+short", "web.default.svc.cluster.local");

        assertThat(r.stdout()).isEqualTo("10.96.0.12\n");
    }

    @Test
    void digDoesNotUseTheSearchListByDefault() {
        FakeNetwork net = netshoot();

        ToolResult r = dig(net, "web");

        assertThat(net.questions).containsExactly("web. A @10.96.0.10");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: ")
                .contains(";; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n")
                .contains(";; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. "
                        + "hostmaster.cluster.local. 1764188873 7200 1800 86400 30\n");
    }

    @Test
    void searchFlagExpandsTheName() {
        ToolResult r = dig(netshoot(), "+search", "+short", "web");

        assertThat(r.stdout()).isEqualTo("10.96.0.12\n");
    }

    @Test
    void nxdomainWithShortPrintsNothingAndExitsZero() {
        ToolResult r = dig(netshoot(), "+short", "nosuch.default.svc.cluster.local");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void noallAnswerPrintsOnlyTheRecords() {
        ToolResult r = dig(netshoot(), "+noall", "+answer", "web.default.svc.cluster.local");

        assertThat(r.stdout()).isEqualTo("web.default.svc.cluster.local. 30 IN\tA\t10.96.0.12\n");
    }

    @Test
    void reverseLookupAsksForPtr() {
        FakeNetwork net = netshoot().answer(new DnsResponse("12.0.96.10.in-addr.arpa.", RecordType.PTR,
                Rcode.NOERROR, true, List.of(new DnsRecord("12.0.96.10.in-addr.arpa.", 30, RecordType.PTR,
                "web.default.svc.cluster.local.")), List.of(), List.of()));

        ToolResult r = dig(net, "-x", "10.96.0.12", "+short");

        assertThat(r.stdout()).isEqualTo("web.default.svc.cluster.local.\n");
    }

    @Test
    void srvRecordOfANamedPort() {
        String name = "_http._tcp.web.default.svc.cluster.local.";
        FakeNetwork net = netshoot().answer(new DnsResponse(name, RecordType.SRV, Rcode.NOERROR, true,
                List.of(new DnsRecord(name, 30, RecordType.SRV, "0 100 80 web.default.svc.cluster.local.")),
                List.of(), List.of(new DnsRecord("web.default.svc.cluster.local.", 30, RecordType.A, "10.96.0.12"))));

        ToolResult r = dig(net, "SRV", "_http._tcp.web.default.svc.cluster.local");

        assertThat(r.stdout()).contains(";; ANSWER SECTION:\n_http._tcp.web.default.svc.cluster.local. 30 IN SRV "
                + "0 100 80 web.default.svc.cluster.local.\n")
                .contains(";; ADDITIONAL SECTION:\nweb.default.svc.cluster.local. 30 IN\tA\t10.96.0.12\n")
                .contains("ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 2");
    }

    @Test
    void forwardedAnswerIsRecursiveNotAuthoritative() {
        FakeNetwork net = netshoot().answer(new DnsResponse("example.com.", RecordType.A, Rcode.NOERROR, false,
                List.of(new DnsRecord("example.com.", 30, RecordType.A, "93.184.215.14")), List.of(), List.of()));

        ToolResult r = dig(net, "example.com");

        assertThat(r.stdout()).contains(";; flags: qr rd ra; QUERY: 1, ANSWER: 1")
                .doesNotContain("WARNING");
    }

    @Test
    void unreachableServerExitsNine() {
        ToolResult r = dig(netshoot().silentDns("10.96.0.10"), "web.default.svc.cluster.local");

        assertThat(r.exitCode()).isEqualTo(9);
        assertThat(r.stdout()).isEqualTo("""
                ;; communications error to 10.96.0.10#53: timed out
                ;; communications error to 10.96.0.10#53: timed out
                ;; communications error to 10.96.0.10#53: timed out

                ; <<>> DiG 9.18.28 <<>> web.default.svc.cluster.local
                ;; global options: +cmd
                ;; no servers could be reached

                """);
    }

    @Test
    void explicitServerIsAskedAndAnnounced() {
        FakeNetwork net = netshoot();

        ToolResult r = dig(net, "@10.96.0.10", "web.default.svc.cluster.local");

        assertThat(r.stdout()).contains("; <<>> DiG 9.18.28 <<>> @10.96.0.10 web.default.svc.cluster.local\n"
                + "; (1 server found)\n");
    }

    @Test
    void messageSizeCountsCompressedNames() {
        DnsResponse response = new DnsResponse("web.default.svc.cluster.local.", RecordType.A, Rcode.NOERROR, true,
                List.of(new DnsRecord("web.default.svc.cluster.local.", 30, RecordType.A, "10.96.0.12")),
                List.of(), List.of());

        // 12 header + 35 question + 16 answer (pointer, fixed fields, address) + 23 OPT with cookie
        assertThat(DnsWire.size(response, true)).isEqualTo(86);
    }

    private static String idOf(ToolResult r) {
        return between(r.stdout(), "status: NOERROR, id: ", "\n");
    }

    private static String cookieOf(ToolResult r) {
        return between(r.stdout(), "; COOKIE: ", " (echoed)");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
