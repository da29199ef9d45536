package academy.minicluster.net.dataplane.dns;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.wire.DnsRecord;
import academy.minicluster.net.wire.DnsResponse;
import academy.minicluster.net.wire.Rcode;
import academy.minicluster.net.wire.RecordType;
import org.junit.jupiter.api.Test;

class UpstreamDnsTest {

    private final UpstreamDns upstream = UpstreamDns.wellKnown();

    @Test
    void wellKnownNameAnswersItsDocumentationAddress() {
        DnsResponse r = upstream.answer("example.com", RecordType.A).response();

        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.authoritative()).isFalse();
        assertThat(r.answers()).containsExactly(new DnsRecord("example.com.", 30, RecordType.A, "203.0.113.10"));
    }

    @Test
    void cnameIsFollowedToItsTarget() {
        assertThat(upstream.answer("www.example.com.", RecordType.A).response().answers()).containsExactly(
                new DnsRecord("www.example.com.", 30, RecordType.CNAME, "example.com."),
                new DnsRecord("example.com.", 30, RecordType.A, "203.0.113.10"));
    }

    @Test
    void unknownNameIsNxdomain() {
        ZoneAnswer a = upstream.answer("data.prod.", RecordType.A);

        assertThat(a.response().rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(a.hops()).singleElement().satisfies(h -> assertThat(h.decision())
                .startsWith("upstream DNS: NXDOMAIN: data.prod. does not exist outside the cluster"));
    }

    @Test
    void knownNameWithoutThatTypeIsNoData() {
        DnsResponse r = upstream.answer("kubernetes.io.", RecordType.AAAA).response();

        assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
        assertThat(r.answers()).isEmpty();
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(upstream.answer("GitHub.COM", RecordType.A).response().answers()).hasSize(1);
    }

    @Test
    void aLabCanAddItsOwnExternalName() {
        UpstreamDns lab = upstream.with("api.partner.example", new UpstreamDns.Entry(RecordType.A, "203.0.113.99"));

        assertThat(lab.knows("api.partner.example.")).isTrue();
        assertThat(lab.answer("api.partner.example", RecordType.A).response().answers())
                .extracting(DnsRecord::data).containsExactly("203.0.113.99");
        assertThat(upstream.knows("api.partner.example.")).isFalse();
    }
}
