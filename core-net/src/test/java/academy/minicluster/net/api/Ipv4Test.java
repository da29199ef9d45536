package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.244.1.3", "172.18.255.250", "255.255.255.255", "010.1.2.3"})
    void dottedQuadsParseAndFormatBack(String address) {
        assertThat(Ipv4.isValid(address)).isTrue();
        assertThat(Ipv4.parse(Ipv4.format(Ipv4.parse(address)))).isEqualTo(Ipv4.parse(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "256.1.1.1", "1.2.3.4444",
            "+1.2.3.4", "1.2.3.4 ", "a.b.c.d", "1.2.3.-4", "web.default", "::1", "1.2.3.4/24"})
    void anythingElseIsNotAnAddress(String address) {
        assertThat(Ipv4.isValid(address)).isFalse();
        assertThatThrownBy(() -> Ipv4.parse(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IPv4 address: " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.244.0.0", "10.244.255.255", "10.244.1.3"})
    void aCidrContainsItsAddresses(String address) {
        assertThat(Ipv4.Cidr.parse("10.244.0.0/16").contains(address)).isTrue();
        assertThat(Ipv4.Cidr.parse("10.96.0.0/12").contains(address)).isFalse();
        assertThat(Ipv4.Cidr.parse("10.244.0.0/16").contains("not-an-ip")).isFalse();
    }
}
