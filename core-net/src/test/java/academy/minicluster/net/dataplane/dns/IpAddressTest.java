package academy.minicluster.net.dataplane.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void parsesLikeGoNetParseIp() {
        assertThat(IpAddress.isIp("10.96.0.10")).isTrue();
        assertThat(IpAddress.isIp("010.96.0.10")).isFalse();
        assertThat(IpAddress.isIp("10.96.0")).isFalse();
        assertThat(IpAddress.isIp("256.1.1.1")).isFalse();
        assertThat(IpAddress.isIp("example.com")).isFalse();
        assertThat(IpAddress.isIp("5678:abcd::1")).isTrue();
        assertThat(IpAddress.isIp("1::2::3")).isFalse();
    }

    @Test
    void printsIpv6InCanonicalForm() {
        assertThat(IpAddress.parse("FD00:0010:0096:0000:0000:0000:0000:0020").orElseThrow().canonical())
                .isEqualTo("fd00:10:96::20");
        assertThat(IpAddress.parse("1:0:0:1:0:0:0:1").orElseThrow().canonical()).isEqualTo("1:0:0:1::1");
        assertThat(IpAddress.parse("::").orElseThrow().canonical()).isEqualTo("::");
    }

    @Test
    void dashedFormIsWhatCoreDnsNamesEndpointsBy() {
        assertThat(IpAddress.parse("10.244.1.3").orElseThrow().dashed()).isEqualTo("10-244-1-3");
        assertThat(IpAddress.parse("5678:abcd::1").orElseThrow().dashed()).isEqualTo("5678-abcd--1");
    }

    @Test
    void reverseNameRoundTrips() {
        IpAddress v4 = IpAddress.parse("10.96.0.12").orElseThrow();
        IpAddress v6 = IpAddress.parse("fd00:10:96::20").orElseThrow();

        assertThat(v4.reverseName()).isEqualTo("12.0.96.10.in-addr.arpa.");
        assertThat(IpAddress.fromReverseName(v4.reverseName())).contains(v4);
        assertThat(IpAddress.fromReverseName(v6.reverseName())).contains(v6);
        assertThat(IpAddress.fromReverseName("0.96.10.in-addr.arpa.")).isEmpty();
    }

    @Test
    void ipv4SortsBeforeIpv6AndNumerically() {
        IpAddress a = IpAddress.parse("10.244.2.7").orElseThrow();
        IpAddress b = IpAddress.parse("10.244.10.1").orElseThrow();
        IpAddress c = IpAddress.parse("::1").orElseThrow();

        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
    }
}
