package academy.minicluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A shell restored from its saved state ({@link Shell#saveState}, {@link Shell#restore}) answers every later command
 * exactly as the shell that saved it, and as a shell that replayed every command from the start: the same outputs,
 * exit codes and traces, the same objects, events and logs, byte for byte. A server keeps a learner's cluster as
 * these bytes and goes on from them instead of replaying the learner's whole log.
 */
class ShellStateTest {

    private static final String SEED_WEB = fixture("/scenarios/seed-web.yaml");
    /**
     * A learner's session: DeterminismTest's (applies, probes through every path, scaling, deleting, events, node
     * debugging) and what else a session keeps between commands: shell variables, container logs, ClientIP
     * affinity, a port-forward, a label, a namespace.
     */
    private static final List<String> SESSION = Stream.concat(fixture("/scenarios/determinism.sh").lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#")), Stream.of(
                    "export TARGET=web",
                    "kubectl logs deploy/web",
                    "kubectl patch svc web -p '{\"spec\":{\"sessionAffinity\":\"ClientIP\"}}'",
                    "kubectl run probe --image=curlimages/curl -- sleep 3600",
                    "kubectl exec probe -- curl -s http://$TARGET",
                    "kubectl exec probe -- curl -s http://$TARGET",
                    "kubectl port-forward svc/web 8080:80",
                    "curl -s http://127.0.0.1:8080/",
                    "kubectl label pod probe role=client",
                    "kubectl create namespace other",
                    "kubectl create deployment api --image=nginx -n other --replicas=2",
                    "kubectl expose deployment api --port=80 -n other",
                    "kubectl exec probe -- curl -s http://api.other",
                    "kubectl logs probe",
                    // An interactive shell in a pod: the attachment and its variables are state too.
                    "kubectl exec -it probe -- sh",
                    "X=inside; export Y=also",
                    "echo $X $Y",
                    "exit 3",
                    "kubectl get serviceaccounts,clusterroles -A",
                    "echo $TARGET")).toList();
    /** What a cluster holds, as kubectl shows it. */
    private static final List<String> EVERYTHING = List.of("kubectl get all -A -o yaml",
            "kubectl get endpointslices,ingress,networkpolicy,configmap -A -o yaml", "kubectl get events -A",
            "kubectl get nodes -o yaml", "kubectl logs deploy/web", "kubectl exec client -- curl -s http://web");

    static Stream<String> profiles() {
        return ClusterProfile.all().stream().map(ClusterProfile::name);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void aShellRestoredAfterAnyCommandGoesOnExactlyAsTheReplayedOne(String profileName) {
        ClusterProfile profile = ClusterProfile.named(profileName).orElseThrow();
        Shell replayed = shell(profile);
        List<ShellResult> whole = run(replayed, SESSION);
        String end = results(run(replayed, EVERYTHING));
        for (int cut = 0; cut <= SESSION.size(); cut++) {
            Shell original = shell(profile);
            run(original, SESSION.subList(0, cut));
            Shell restored = Shell.restore(original.saveState(), ClusterLimits.DEFAULTS);
            List<ShellResult> tail = run(restored, SESSION.subList(cut, SESSION.size()));
            assertSameResults("restored after " + cut + " commands", tail, whole.subList(cut, whole.size()));
            assertThat(results(run(restored, EVERYTHING))).as("restored after " + cut + " commands").isEqualTo(end);
        }
        assertThat(whole.stream().mapToInt(r -> r.trace().size()).sum()).isGreaterThan(20);
    }

    @Test
    void theSameStateSavesTheSameBytes() {
        Shell shell = shell(ClusterProfile.DEFAULT);
        run(shell, SESSION);
        byte[] saved = shell.saveState();
        Shell restored = Shell.restore(saved, ClusterLimits.DEFAULTS);
        assertThat(restored.saveState()).isEqualTo(saved);
        assertThat(saved.length).as("bytes").isGreaterThan(1000);
    }

    @Test
    void aRestoredShellKeepsItsSessionsSpending() {
        ClusterLimits d = ClusterLimits.DEFAULTS;
        ClusterLimits fiveCommands = new ClusterLimits(d.maxObjects(), d.maxPods(), 5, d.maxLogBytes(),
                d.cpuPerCommand(), d.cpuPerSession(), d.maxOutputBytes());
        Shell shell = Shell.open(Cluster.create(ClusterProfile.DEFAULT, 1, fiveCommands));
        run(shell, List.of("kubectl get pods", "kubectl get svc", "kubectl get nodes", "kubectl get ns"));
        Shell restored = Shell.restore(shell.saveState(), fiveCommands);
        assertThat(restored.execute("kubectl get pods").exitCode()).isZero();
        ShellResult over = restored.execute("kubectl get pods");
        shell.execute("kubectl get pods");
        assertSameResults("the sixth command", List.of(over), List.of(shell.execute("kubectl get pods")));
        assertThat(over.stderr()).contains("max-commands");
        assertThat(restored.stopped()).isTrue();
    }

    @Test
    void bytesThatAreNotAStateAreRefusedWithAnIllegalArgument() {
        Shell shell = shell(ClusterProfile.DEFAULT);
        run(shell, SESSION.subList(0, 3));
        byte[] saved = shell.saveState();
        for (int length : new int[] {0, 1, 7, saved.length / 3, saved.length / 2, saved.length - 1}) {
            byte[] cut = Arrays.copyOf(saved, length);
            assertThatThrownBy(() -> Shell.restore(cut, ClusterLimits.DEFAULTS)).as("cut at " + length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(saved, saved.length + 1);
        assertThatThrownBy(() -> Shell.restore(longer, ClusterLimits.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its end");
    }

    private static Shell shell(ClusterProfile profile) {
        Shell shell = Shell.open(Cluster.create(profile, 7));
        shell.putFile("seed-web.yaml", SEED_WEB);
        return shell;
    }

    private static List<ShellResult> run(Shell shell, List<String> lines) {
        List<ShellResult> results = new ArrayList<>();
        for (String line : lines) {
            results.add(shell.execute(line));
        }
        return results;
    }

    private static String results(List<ShellResult> results) {
        StringBuilder s = new StringBuilder();
        for (ShellResult r : results) {
            s.append(r.command()).append('\n').append(r.exitCode()).append('\n').append(r.stdout()).append('\n')
                    .append(r.stderr()).append('\n').append(r.trace()).append('\n');
        }
        return s.toString();
    }

    private static void assertSameResults(String when, List<ShellResult> actual, List<ShellResult> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ShellResult e = expected.get(i);
            ShellResult a = actual.get(i);
            String as = when + ": " + e.command();
            assertThat(a.command()).as(as).isEqualTo(e.command());
            assertThat(a.stdout()).as(as).isEqualTo(e.stdout());
            assertThat(a.stderr()).as(as).isEqualTo(e.stderr());
            assertThat(a.exitCode()).as(as).isEqualTo(e.exitCode());
            assertThat(a.trace()).as(as).isEqualTo(e.trace());
        }
    }

    private static String fixture(String path) {
        try (InputStream in = ShellStateTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
