package academy.minicluster.net.probe.tools;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.trace.Hop;
import org.junit.jupiter.api.Test;

class ResolverTest {

    @Test
    void shortNameResolvesUnderTheNamespaceSearchDomainFirst() {
        FakeNetwork net = FakeNetwork.pod().a("web.default.svc.cluster.local.", "10.96.0.12");

        Resolver.Resolution r = Resolver.resolve("web", net);

        assertThat(r.found()).isTrue();
        assertThat(r.addresses()).containsExactly("10.96.0.12");
        assertThat(net.questions).containsExactly("web.default.svc.cluster.local. A @10.96.0.10");
        assertThat(r.hops().get(0).decision())
                .isEqualTo("resolver: web -> web.default.svc.cluster.local. (search 1 of 3): 10.96.0.12");
    }

    @Test
    void nameWithNamespaceTriesTheOwnNamespaceFirstThenFindsItUnderSvc() {
        FakeNetwork net = FakeNetwork.pod().a("data.prod.svc.cluster.local.", "10.96.5.5");

        Resolver.Resolution r = Resolver.resolve("data.prod", net);

        assertThat(r.found()).isTrue();
        assertThat(net.questions).containsExactly("data.prod.default.svc.cluster.local. A @10.96.0.10",
                "data.prod.svc.cluster.local. A @10.96.0.10");
        assertThat(r.hops()).filteredOn(h -> h.decision().startsWith("resolver:"))
                .extracting(Hop::verdict).containsExactly(Hop.Verdict.NOT_FOUND, Hop.Verdict.PASS);
    }

    @Test
    void unknownNameTriesEverySearchDomainThenTheNameAndIsNotFound() {
        FakeNetwork net = FakeNetwork.pod();

        Resolver.Resolution r = Resolver.resolve("nosuch", net);

        assertThat(r.status()).isEqualTo(Resolver.Status.NOT_FOUND);
        assertThat(net.questions).hasSize(4).last().isEqualTo("nosuch. A @10.96.0.10");
        assertThat(r.hops().get(6).decision()).isEqualTo("resolver: nosuch -> nosuch. (as-is): NXDOMAIN");
    }

    @Test
    void etcHostsAnswersBeforeDns() {
        FakeNetwork net = FakeNetwork.pod();

        Resolver.Resolution r = Resolver.resolve("client", net);

        assertThat(r.addresses()).containsExactly("10.244.1.5");
        assertThat(net.questions).isEmpty();
    }

    @Test
    void silentNameserverEndsTheLookupAsTimedOut() {
        FakeNetwork net = FakeNetwork.pod().silentDns(FakeNetwork.CLUSTER_DNS);

        Resolver.Resolution r = Resolver.resolve("web", net);

        assertThat(r.status()).isEqualTo(Resolver.Status.TIMEOUT);
        assertThat(r.hops().get(0).verdict()).isEqualTo(Hop.Verdict.DROPPED);
    }

    @Test
    void ipv4LiteralNeedsNoLookup() {
        FakeNetwork net = FakeNetwork.pod();

        assertThat(Resolver.resolve("10.96.0.12", net).addresses()).containsExactly("10.96.0.12");
        assertThat(net.questions).isEmpty();
    }
}
