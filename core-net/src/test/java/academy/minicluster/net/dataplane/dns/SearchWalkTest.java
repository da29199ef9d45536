package academy.minicluster.net.dataplane.dns;

import static academy.minicluster.net.dataplane.dns.DnsFixtures.clusterIp;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.externalName;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.namespace;
import static academy.minicluster.net.dataplane.dns.DnsFixtures.port;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.dataplane.dns.SearchList.Resolver;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Section 4's examples end to end: a ClusterFirst pod in namespace {@code test} resolves names through its search
 * list against CoreDNS (cluster zone plus upstream).
 */
class SearchWalkTest {

    private static final CoreDns CORE_DNS = CoreDns.of(ClusterDnsZone.of("cluster.local",
                    List.of(clusterIp("prod", "data", "10.96.5.5", port("http", 80, "TCP")),
                            clusterIp("test", "cache", "10.96.7.7", port("redis", 6379, "TCP")),
                            externalName("test", "docs", "kubernetes.io")),
                    List.of(), List.of(), List.of(namespace("test"), namespace("prod"))),
            UpstreamDns.wellKnown());

    private static final SearchList POD_IN_TEST = SearchList.of(
            ResolverConfig.kind().resolvConf(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                    .withNamespace("test").withName("client").endMetadata().withNewSpec().endSpec().build()));

    private record Attempt(String name, Rcode rcode, List<String> addresses) {
    }

    /** The resolver's loop: each candidate in order until one answers (or the resolver gives up). */
    private static List<Attempt> resolve(String name) {
        List<Attempt> attempts = new ArrayList<>();
        for (String candidate : POD_IN_TEST.candidates(name, Resolver.GLIBC)) {
            DnsResponse r = CORE_DNS.answer(candidate, RecordType.A).response();
            attempts.add(new Attempt(candidate, r.rcode(), r.answers().stream()
                    .filter(a -> a.type() == RecordType.A).map(DnsRecord::data).toList()));
            if (!Resolver.GLIBC.triesNextAfter(r)) {
                break;
            }
        }
        return attempts;
    }

    @Test
    void shortNameResolvesInTheOwnNamespaceAtTheFirstTry() {
        assertThat(resolve("cache")).containsExactly(
                new Attempt("cache.test.svc.cluster.local.", Rcode.NOERROR, List.of("10.96.7.7")));
    }

    @Test
    void serviceDotNamespaceFailsOnceThenResolvesUnderSvc() {
        assertThat(resolve("data.prod")).containsExactly(
                new Attempt("data.prod.test.svc.cluster.local.", Rcode.NXDOMAIN, List.of()),
                new Attempt("data.prod.svc.cluster.local.", Rcode.NOERROR, List.of("10.96.5.5")));
    }

    @Test
    void shortNameOfAServiceInAnotherNamespaceDoesNotResolve() {
        List<Attempt> attempts = resolve("data");

        assertThat(attempts).extracting(Attempt::name).containsExactly("data.test.svc.cluster.local.",
                "data.svc.cluster.local.", "data.cluster.local.", "data.");
        assertThat(attempts).extracting(Attempt::rcode).containsOnly(Rcode.NXDOMAIN);
    }

    @Test
    void externalNameCostsThreeNxdomainsBeforeTheAbsoluteName() {
        assertThat(resolve("www.example.com")).containsExactly(
                new Attempt("www.example.com.test.svc.cluster.local.", Rcode.NXDOMAIN, List.of()),
                new Attempt("www.example.com.svc.cluster.local.", Rcode.NXDOMAIN, List.of()),
                new Attempt("www.example.com.cluster.local.", Rcode.NXDOMAIN, List.of()),
                new Attempt("www.example.com.", Rcode.NOERROR, List.of("203.0.113.10")));
    }

    @Test
    void externalNameServiceIsCompletedWithTheUpstreamAddress() {
        ZoneAnswer a = CORE_DNS.answer("docs.test.svc.cluster.local.", RecordType.A);

        assertThat(a.response().answers()).containsExactly(
                new DnsRecord("docs.test.svc.cluster.local.", 30, RecordType.CNAME, "kubernetes.io."),
                new DnsRecord("kubernetes.io.", 30, RecordType.A, "203.0.113.20"));
        assertThat(a.hops()).hasSize(2);
    }
}
