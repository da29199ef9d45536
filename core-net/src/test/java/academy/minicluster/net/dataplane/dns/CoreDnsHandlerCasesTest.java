package academy.minicluster.net.dataplane.dns;

import static academy.minicluster.net.dataplane.dns.DnsFixtures.clusterIp;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.clusterIps;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.endpoint;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.externalName;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.headless;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.namespace;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.port;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.ready;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.slice;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.slicePort;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * CoreDNS' own expectations for its kubernetes plugin (handler_test.go), replayed against {@link ClusterDnsZone}
 * over the same objects. The cases live in {@code src/test/resources/dns/coredns-kubernetes-handler-cases.txt}.
 */
class CoreDnsHandlerCasesTest {

    /** The objects of CoreDNS' APIConnServeTest, as Services and EndpointSlices. */
    private static final ClusterDnsZone TESTNS = ClusterDnsZone.of("cluster.local",
            List.of(
                    clusterIp("kube-system", "kubedns", "10.0.0.10", port("dns", 53, "UDP")),
                    clusterIp("testns", "svc1", "10.0.0.1", port("http", 80, "TCP")),
                    clusterIp("testns", "svcempty", "10.0.0.1", port("http", 80, "TCP")),
                    clusterIp("testns", "svc6", "1234:abcd::1", port("http", 80, "TCP")),
                    headless("testns", "hdls1"),
                    externalName("testns", "external", "ext.interwebs.test"),
                    externalName("testns", "external-to-service", "svc1.testns.svc.cluster.local."),
                    headless("testns", "hdlsprtls"),
                    clusterIps("testns", "svc-dual-stack", List.of("10.0.0.3", "10::3"), port("http", 80, "TCP"))),
            List.of(
                    slice("kube-system", "kubedns-slice1", "kubedns", List.of(slicePort("dns", 53, "UDP")),
                            ready("172.0.0.100")),
                    slice("testns", "svc1-slice1", "svc1", List.of(slicePort("http", 80, "TCP")),
                            endpoint("172.0.0.1", true, "ep1a", null)),
                    slice("testns", "svcempty-slice1", "svcempty", List.of(slicePort("http", 80, "TCP"))),
                    slice("testns", "hdls1-slice1", "hdls1", List.of(slicePort("http", 80, "TCP")),
                            ready("172.0.0.2"), ready("172.0.0.3"),
                            endpoint("172.0.0.4", true, "dup-name", null),
                            endpoint("172.0.0.5", true, "dup-name", null)),
                    slice("testns", "hdls1-slice2", "hdls1", "IPv6", List.of(slicePort("http", 80, "TCP")),
                            ready("5678:abcd::1"), ready("5678:abcd::2")),
                    slice("testns", "hdlsprtls-slice1", "hdlsprtls", List.of(), ready("172.0.0.20"))),
            List.of(),
            List.of(namespace("testns"), namespace("kube-system")))
            .withSoaSerial(1499347823L);

    @TestFactory
    Stream<DynamicTest> answersAsCoreDnsHandlerTestExpects() throws IOException {
        return readCases().stream().map(c -> DynamicTest.dynamicTest(c.description(), () -> {
            DnsResponse response = TESTNS.answer(c.qname(), c.qtype()).response();
            assertThat(response.rcode()).as("rcode").isEqualTo(c.rcode());
            assertThat(response.authoritative()).as("AA flag").isTrue();
            assertThat(lines(response.answers())).as("answer").containsExactlyInAnyOrderElementsOf(c.answer());
            assertThat(lines(response.authority())).as("authority")
                    .containsExactlyInAnyOrderElementsOf(c.authority());
            assertThat(lines(response.additional())).as("extra").containsExactlyInAnyOrderElementsOf(c.extra());
        }));
    }

    private record Case(String description, String qname, RecordType qtype, Rcode rcode, List<String> answer,
                        List<String> authority, List<String> extra) {
    }

    private static List<String> lines(List<DnsRecord> records) {
        return records.stream().map(r -> r.name() + " " + r.ttl() + " IN " + r.type() + " " + r.data()).toList();
    }

    private static List<Case> readCases() throws IOException {
        String text;
        try (InputStream in = CoreDnsHandlerCasesTest.class.getResourceAsStream(
                "/dns/coredns-kubernetes-handler-cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String description = null;
        String qname = null;
        RecordType qtype = null;
        Rcode rcode = null;
        List<String> answer = new ArrayList<>();
        List<String> authority = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String raw : (text + "\n\n").split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                if (description != null) {
                    cases.add(new Case(description, qname, qtype, rcode, answer, authority, extra));
                    description = null;
                    answer = new ArrayList<>();
                    authority = new ArrayList<>();
                    extra = new ArrayList<>();
                }
                continue;
            }
            String keyword = line.substring(0, line.indexOf(' '));
            String rest = line.substring(keyword.length() + 1).strip();
            switch (keyword) {
                case "case" -> description = rest;
                case "question" -> {
                    String[] f = rest.split("\\s+");
                    qname = f[0];
                    qtype = RecordType.valueOf(f[1]);
                }
                case "rcode" -> rcode = Rcode.valueOf(rest);
                case "answer" -> answer.add(normalize(rest));
                case "authority" -> authority.add(normalize(rest));
                case "extra" -> extra.add(normalize(rest));
                default -> throw new IllegalStateException("unknown keyword in case file: " + line);
            }
        }
        assertThat(cases).hasSizeGreaterThan(30);
        return cases;
    }

    private static String normalize(String record) {
        return String.join(" ", Arrays.asList(record.split("\\s+")));
    }
}
