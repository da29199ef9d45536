package academy.minicluster.net.dataplane.dns;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.dataplane.dns.SearchList.Resolver;
import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names a pod's resolver tries, for the examples of the semantics document (section 4) and resolv.conf(5). */
class SearchListTest {

    /** A ClusterFirst pod in namespace test, as containerd writes its resolv.conf. */
    private static final List<String> POD_IN_TEST = List.of(
            "search test.svc.cluster.local svc.cluster.local cluster.local",
            "nameserver 10.96.0.10",
            "options ndots:5");

    @Test
    void shortServiceNameResolvesInThePodsOwnNamespaceFirst() {
        assertThat(SearchList.candidates(POD_IN_TEST, "data")).first().isEqualTo("data.test.svc.cluster.local.");
    }

    @Test
    void serviceDotNamespaceIsTriedUnderTheOwnNamespaceThenUnderSvc() {
        assertThat(SearchList.candidates(POD_IN_TEST, "data.prod")).containsExactly(
                "data.prod.test.svc.cluster.local.",
                "data.prod.svc.cluster.local.",
                "data.prod.cluster.local.",
                "data.prod.");
    }

    @Test
    void externalNameWithFewerThanFiveDotsCostsThreeSearchesBeforeTheAbsoluteName() {
        assertThat(SearchList.candidates(POD_IN_TEST, "www.example.com")).containsExactly(
                "www.example.com.test.svc.cluster.local.",
                "www.example.com.svc.cluster.local.",
                "www.example.com.cluster.local.",
                "www.example.com.");
    }

    @Test
    void trailingDotMeansAbsoluteOnly() {
        assertThat(SearchList.candidates(POD_IN_TEST, "web.default.svc.cluster.local."))
                .containsExactly("web.default.svc.cluster.local.");
    }

    @Test
    void nameWithAtLeastNdotsDotsIsTriedAsIsFirstThenWithSearchDomainsByGlibc() {
        assertThat(SearchList.candidates(POD_IN_TEST, "a.b.c.d.e.f")).containsExactly(
                "a.b.c.d.e.f.",
                "a.b.c.d.e.f.test.svc.cluster.local.",
                "a.b.c.d.e.f.svc.cluster.local.",
                "a.b.c.d.e.f.cluster.local.");
    }

    @Test
    void muslTriesANameWithAtLeastNdotsDotsAsIsOnly() {
        assertThat(SearchList.of(POD_IN_TEST).candidates("a.b.c.d.e.f", Resolver.MUSL))
                .containsExactly("a.b.c.d.e.f.");
    }

    @Test
    void muslSearchesShortNamesLikeGlibc() {
        assertThat(SearchList.of(POD_IN_TEST).candidates("data.prod", Resolver.MUSL))
                .isEqualTo(SearchList.of(POD_IN_TEST).candidates("data.prod", Resolver.GLIBC));
    }

    @Test
    void fullyQualifiedServiceNameWithoutDotStillCostsSearches() {
        // 4 dots < ndots:5: the three search domains come first.
        assertThat(SearchList.candidates(POD_IN_TEST, "web.default.svc.cluster.local")).hasSize(4)
                .last().isEqualTo("web.default.svc.cluster.local.");
    }

    @Test
    void ndotsDefaultsToOne() {
        SearchList list = SearchList.of(List.of("search corp.example"));

        assertThat(list.ndots()).isEqualTo(1);
        assertThat(list.candidates("db.internal")).containsExactly("db.internal.", "db.internal.corp.example.");
        assertThat(list.candidates("db")).containsExactly("db.corp.example.", "db.");
    }

    @Test
    void ndotsZeroTriesEveryNameAsIsFirst() {
        // A kind node: Docker writes options ndots:0 and no search line.
        assertThat(SearchList.candidates(ResolverConfig.KIND_NODE_RESOLV_CONF, "web")).containsExactly("web.");
    }

    @Test
    void lastSearchOrDomainLineWinsAndNdotsIsCappedAt15() {
        SearchList list = SearchList.of(List.of("search a.example b.example", "domain c.example",
                "options ndots:40 timeout:2", "# search ignored.example", "; comment"));

        assertThat(list.searches()).containsExactly("c.example");
        assertThat(list.ndots()).isEqualTo(15);
    }

    @Test
    void glibcKeepsSearchingAfterNodataButMuslStops() {
        DnsResponse noData = new DnsResponse("x.", RecordType.A, Rcode.NOERROR, true, List.of(), List.of(),
                List.of());
        DnsResponse nxdomain = new DnsResponse("x.", RecordType.A, Rcode.NXDOMAIN, true, List.of(), List.of(),
                List.of());
        DnsResponse hit = new DnsResponse("x.", RecordType.A, Rcode.NOERROR, true,
                List.of(new DnsRecord("x.", 30, RecordType.A, "10.96.0.1")), List.of(), List.of());

        assertThat(Resolver.GLIBC.triesNextAfter(noData)).isTrue();
        assertThat(Resolver.MUSL.triesNextAfter(noData)).isFalse();
        assertThat(Resolver.GLIBC.triesNextAfter(nxdomain)).isTrue();
        assertThat(Resolver.MUSL.triesNextAfter(nxdomain)).isTrue();
        assertThat(Resolver.GLIBC.triesNextAfter(hit)).isFalse();
    }
}
