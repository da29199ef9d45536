package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input (issue 2 §9) gives a clear error, never an exception, and leaves the cluster as it was: compared with
 * {@code kubectl get all -A -o yaml} before and after.
 */
class RobustnessTest {

    private Scenario s;
    private String before;

    @BeforeEach
    void seed() {
        s = Scenario.fresh().apply("seed-web.yaml");
        before = everything();
    }

    private String everything() {
        return s.out("kubectl get all -A -o yaml") + s.out("kubectl get ingress,networkpolicy,endpointslices -A -o yaml");
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("robustness/malformed.yaml",
                        "error: error parsing robustness/malformed.yaml: error converting YAML to JSON: yaml: line "),
                Arguments.of("robustness/unknown-kind.yaml",
                        "error: resource mapping not found for name: \"g\" namespace: \"\" from "
                                + "\"robustness/unknown-kind.yaml\": no matches for kind \"Gizmo\" in version \"v1\"\n"
                                + "ensure CRDs are installed first"),
                Arguments.of("robustness/yaml-bomb.yaml",
                        "error: error parsing robustness/yaml-bomb.yaml: error converting YAML to JSON: yaml: document "
                                + "contains excessive aliasing"),
                Arguments.of("robustness/not-an-object.yaml",
                        "error: error parsing robustness/not-an-object.yaml: error unmarshaling JSON: json: cannot "
                                + "unmarshal string into Go value of type map[string]interface {}"),
                Arguments.of("robustness/pod-without-spec.yaml",
                        "The Pod \"x\" is invalid: spec.containers: Required value\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void badManifestIsRejectedWithAClearErrorAndChangesNothing(String fixture, String error) {
        s.file(fixture, Scenario.fixture(fixture));
        ShellResult r = s.run("kubectl apply -f " + fixture);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith(error);
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void tenMegabyteManifestIsRejectedAndChangesNothing() {
        String big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: \""
                + "a".repeat(10 * 1024 * 1024) + "\"\n";
        s.file("big.yaml", big);
        ShellResult r = s.run("kubectl apply -f big.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: unable to read \"big.yaml\": the manifest is ");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void tenMegabyteCommandLineIsRejected() {
        ShellResult r = s.run("curl " + "x".repeat(10 * 1024 * 1024));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("bash: command line too long\n");
        assertThat(everything()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate --now", "kubectl frobnicate pods", "kubectl get frobs", "kubectl apply",
            "kubectl apply -f", "kubectl apply -f missing.yaml", "kubectl delete", "kubectl exec", "kubectl exec nopod -- ls",
            "kubectl get pods -o nonsense", "kubectl get pods --bogus-flag", "kubectl scale deployment web --replicas=-1",
            "kubectl exec client -- curl", "kubectl exec client -- nosuchtool",
            "curl 'unterminated", "kubectl exec client -- sh -c 'unterminated", "dig @", "nc", "kubectl debug node/nowhere -it --image=busybox -- ls",
            "kubectl label pod client", "kubectl expose", "kubectl run", "kubectl logs", "kubectl describe"})
    void nonsenseCommandFailsWithAMessageAndChangesNothing(String line) {
        ShellResult r = s.run(line);
        assertThat(r.exitCode()).as(r.stderr()).isNotZero();
        assertThat(r.stderr()).isNotBlank().doesNotContain("Exception").doesNotContain("null");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void unknownCommandSuggestsOnlyCloseCommands() {
        assertThat(s.run("kubectl frobnicate pods").stderr())
                .isEqualTo("error: unknown command \"frobnicate\" for \"kubectl\"\n");
        // kubectl prints cobra's error through its own CheckErr (component-base silences cobra's printing), so
        // without cobra's "Run 'kubectl --help' for usage." line: what k3s's embedded kubectl prints too.
        assertThat(s.run("kubectl gte pods").stderr()).isEqualTo("error: unknown command \"gte\" for \"kubectl\"\n\n"
                + "Did you mean this?\n\tget\n");
    }
}
