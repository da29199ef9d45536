package academy.minicluster.net.shell;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubernetes.io's pages followed verbatim (issue 14 §3): Debug Services, Using Source IP, Debugging DNS Resolution
 * and the Ingress tutorial, as the cases of {@code shell/tutorial-cases.txt} on a fresh cluster.
 */
class TutorialWalkthroughTest {

    static Stream<ShellCases.Case> cases() {
        return ShellCases.read("/shell/tutorial-cases.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheRealClusterDoes(ShellCases.Case c) {
        c.check(KubectlFixture::emptyCluster);
    }
}
