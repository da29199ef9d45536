package academy.minicluster.net.shell;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kubectl as kubernetes.io's pages use it (issue 14): the cases of {@code shell/kubectl-cases.txt} on the web app. */
class KubectlIssue14Test {

    static Stream<ShellCases.Case> cases() {
        return ShellCases.read("/shell/kubectl-cases.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsKubectlDoes(ShellCases.Case c) {
        c.check(KubectlFixture::webApp);
    }
}
