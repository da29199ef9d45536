package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow();
    }

    @Test
    void containsAddressesSharingThePrefix() {
        assertThat(cidr("10.244.0.0/16").contains("10.244.1.5")).isTrue();
        assertThat(cidr("10.244.0.0/16").contains("10.245.0.1")).isFalse();
        assertThat(cidr("172.18.0.1/32").contains("172.18.0.1")).isTrue();
        assertThat(cidr("172.18.0.1/32").contains("172.18.0.2")).isFalse();
    }

    @Test
    void slashZeroContainsEveryAddressOfItsFamily() {
        assertThat(cidr("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(cidr("0.0.0.0/0").contains("fd00::1")).isFalse();
        assertThat(cidr("::/0").contains("fd00::1")).isTrue();
        assertThat(cidr("::/0").contains("10.0.0.1")).isFalse();
    }

    @Test
    void prefixesThatAreNotWholeOctetsAreMasked() {
        assertThat(cidr("10.0.0.0/12").contains("10.15.255.255")).isTrue();
        assertThat(cidr("10.0.0.0/12").contains("10.16.0.0")).isFalse();
    }

    @Test
    void hostBitsAreMaskedOffAsTheApiServerAcceptsThem() {
        assertThat(cidr("10.0.0.1/24")).hasToString("10.0.0.0/24");
        assertThat(cidr("10.0.0.1/24").contains("10.0.0.200")).isTrue();
    }

    @Test
    void ipv6NetworksAreParsedWithCompressedZeros() {
        assertThat(cidr("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(cidr("2001:db8::/32").contains("2001:db9::5")).isFalse();
        assertThat(cidr("2001:db8::1/64")).hasToString("2001:db8:0:0:0:0:0:0/64");
        assertThat(cidr("::ffff:10.0.0.0/104").contains("::ffff:10.1.2.3")).isTrue();
    }

    @Test
    void strictSubsetMustBeInsideAndSmaller() {
        assertThat(cidr("10.0.0.0/8").strictlyContains(cidr("10.1.0.0/16"))).isTrue();
        assertThat(cidr("10.0.0.0/8").strictlyContains(cidr("10.0.0.0/8"))).isFalse();
        assertThat(cidr("10.0.0.0/8").strictlyContains(cidr("11.0.0.0/16"))).isFalse();
        assertThat(cidr("10.0.0.0/16").strictlyContains(cidr("10.0.0.0/8"))).isFalse();
    }

    @Test
    void malformedValuesAreNotCidrs() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0.256/8", "10.0.0/8", "10.0.0.0/-1",
                "10.0.0.0/8/8", "::/129", "1::2::3/64", "2001:db8::g/64", "", "a.b.c.d/8", "10.0.0.0/ 8"}) {
            assertThat(Cidr.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void nonAddressesNeverMatch() {
        assertThat(cidr("0.0.0.0/0").contains("kind-worker")).isFalse();
        assertThat(cidr("0.0.0.0/0").contains(null)).isFalse();
    }
}
