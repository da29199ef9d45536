package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Shell#runScript}: pasted sessions with comments and here-documents, as a learner pastes them. */
class ShellScriptTest {

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team-a
            """;

    private final Shell shell = KubectlFixture.emptyCluster();

    @Test
    void commentsAndBlankLinesAreSkipped() {
        var results = shell.runScript("# make a namespace\n\nkubectl create namespace dev\n");

        assertThat(results).extracting(ShellResult::stdout).containsExactly("namespace/dev created\n");
    }

    @Test
    void catHereDocumentPipedToKubectlFeedsItsStandardInput() {
        var results = shell.runScript("cat <<EOF | kubectl apply -f -\n" + NAMESPACE + "EOF\n");

        assertThat(results).extracting(ShellResult::stdout).containsExactly("namespace/team-a created\n");
    }

    @Test
    void dashHereDocumentStripsLeadingTabs() {
        var results = shell.runScript("kubectl apply -f - <<-EOF\n" + NAMESPACE.replaceAll("(?m)^", "\t") + "\tEOF\n");

        assertThat(results).extracting(ShellResult::stdout).containsExactly("namespace/team-a created\n");
    }

    @Test
    void linesAfterTheMarkerAreCommandsAgain() {
        var results = shell.runScript("kubectl apply -f - <<EOF\n" + NAMESPACE + "EOF\nkubectl get ns team-a -o name\n");

        assertThat(results).extracting(ShellResult::stdout)
                .containsExactly("namespace/team-a created\n", "namespace/team-a\n");
    }
}
