package academy.minicluster.net.shell;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CoreDNS as kind configures it (issue 14 §2): the cases of {@code shell/dns-cases.txt}, asked with dig. */
class DnsIssue14Test {

    static Stream<ShellCases.Case> cases() {
        return ShellCases.read("/shell/dns-cases.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsCoreDnsDoes(ShellCases.Case c) {
        c.check(KubectlFixture::webApp);
    }
}
