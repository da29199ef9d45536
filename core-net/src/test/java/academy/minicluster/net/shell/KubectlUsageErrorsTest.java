package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Mistyped kubectl command lines, refused with cobra's and kubectl's wording and exit code 1. */
class KubectlUsageErrorsTest {

    private final Shell shell = KubectlFixture.emptyCluster();

    @Test
    void unknownCommandSuggestsTheClosestOnes() {
        ShellResult r = shell.execute("kubectl gte pods");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n");
    }

    @Test
    void unknownCommandWithoutNeighbourHasNoSuggestion() {
        assertThat(shell.execute("kubectl frobnicate").stderr())
                .isEqualTo("error: unknown command \"frobnicate\" for \"kubectl\"\n");
    }

    @Test
    void unknownFlagPointsToHelp() {
        ShellResult r = shell.execute("kubectl get pods --bogus");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
    }

    @Test
    void unknownShorthandFlagNamesTheLetter() {
        assertThat(shell.execute("kubectl get pods -z").stderr())
                .isEqualTo("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
    }

    @Test
    void flagWithoutItsValueIsRefused() {
        assertThat(shell.execute("kubectl get pods -n").stderr())
                .isEqualTo("error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n");
    }

    @Test
    void getWithoutTypeAsksForOne() {
        assertThat(shell.execute("kubectl get").stderr()).isEqualTo("error: You must specify the type of resource to "
                + "get. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
    }

    @Test
    void deleteWithoutArgumentsShowsExamples() {
        assertThat(shell.execute("kubectl delete").stderr()).isEqualTo("""
                error: You must provide one or more resources by argument or filename.
                Example resource specifications include:
                   '-f rsrc.yaml'
                   '--filename=rsrc.json'
                   '<resource> <name>'
                   '<resource>'
                """);
    }

    @Test
    void unknownCreateSubcommandIsAnUnknownCommand() {
        assertThat(shell.execute("kubectl create deploymnt web --image=nginx").stderr()).isEqualTo(
                "error: unknown command \"deploymnt\" for \"kubectl create\"\n\nDid you mean this?\n\tdeployment\n");
    }
}
