package academy.minicluster.net.dataplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostRuleTest {

    @Test
    void aPreciseHostMatchesCaseInsensitively() {
        assertThat(HostRule.of("web.example.com").matches("WEB.Example.com")).isTrue();
    }

    @Test
    void thePortAndATrailingDotOfTheHostHeaderAreIgnored() {
        assertThat(HostRule.of("web.example.com").matches("web.example.com:8443")).isTrue();
        assertThat(HostRule.of("web.example.com").matches("web.example.com.")).isTrue();
    }

    @Test
    void aWildcardNeedsANonEmptyFirstLabel() {
        assertThat(HostRule.of("*.foo.com").matches(".foo.com")).isFalse();
    }

    @Test
    void aWildcardMatchesCaseInsensitively() {
        assertThat(HostRule.of("*.foo.com").matches("Bar.FOO.com")).isTrue();
    }

    @Test
    void aRuleWithoutHostMatchesEveryHost() {
        assertThat(HostRule.ANY.matches("anything.example")).isTrue();
        assertThat(HostRule.ANY.matches(null)).isTrue();
        assertThat(HostRule.ANY).hasToString("*");
    }

    @Test
    void anIpv6HostHeaderKeepsItsBrackets() {
        assertThat(HostRule.normalize("[::1]:80")).isEqualTo("[::1]");
    }
}
