package academy.minicluster.net;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A forked cluster answers every command exactly as the cluster it was forked from would have, and the two never
 * see each other's writes. {@link Cluster#create} forks a snapshot of the bootstrapped cluster, and the grader
 * forks a lab's starting state, so these are what every learner's cluster stands on.
 */
class ClusterForkTest {

    private static final String SEED_WEB = fixture("/scenarios/seed-web.yaml");
    /** A learner's session: applies, probes through every path, scaling, deleting, events, node debugging, yaml. */
    private static final List<String> SESSION = fixture("/scenarios/determinism.sh").lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    /** What a cluster holds, as kubectl shows it. */
    private static final List<String> EVERYTHING = List.of("kubectl get all -A -o yaml",
            "kubectl get endpointslices,ingress,networkpolicy -A -o yaml", "kubectl get events -A");

    static Stream<String> profiles() {
        return ClusterProfile.all().stream().map(ClusterProfile::name);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void aForkOfTheBootstrappedClusterAnswersAsAFreshlyBootstrappedOne(String profileName) {
        ClusterProfile profile = ClusterProfile.named(profileName).orElseThrow();
        List<ShellResult> bootstrapped = run(Cluster.bootstrap(profile, 7), SESSION);
        List<ShellResult> forked = run(Cluster.create(profile, 7), SESSION);
        List<ShellResult> forkedAgain = run(Cluster.create(profile, 7), SESSION);
        assertSameResults(forked, bootstrapped);
        assertSameResults(forkedAgain, bootstrapped);
    }

    @Test
    void aForkTakenMidSessionGoesOnExactlyAsTheOriginal() {
        int half = SESSION.size() / 2;
        Cluster original = Cluster.bootstrap(ClusterProfile.DEFAULT, 1);
        run(original, SESSION.subList(0, half));
        Cluster fork = original.fork();
        List<ShellResult> forkGoesOn = run(fork, SESSION.subList(half, SESSION.size()));
        List<ShellResult> originalGoesOn = run(original, SESSION.subList(half, SESSION.size()));
        List<ShellResult> replayed = run(Cluster.bootstrap(ClusterProfile.DEFAULT, 1), SESSION);
        assertSameResults(forkGoesOn, originalGoesOn);
        assertSameResults(forkGoesOn, replayed.subList(half, replayed.size()));
        assertThat(forkGoesOn.stream().mapToInt(r -> r.trace().size()).sum()).isGreaterThan(10);
    }

    @Test
    void theOriginalDoesNotSeeItsForksWrites() {
        Cluster original = seeded();
        String before = results(run(original, EVERYTHING));
        Cluster fork = original.fork();
        run(fork, List.of("kubectl scale deployment web --replicas=5", "kubectl label svc web tier=front",
                "kubectl delete ingress web", "curl -s http://172.18.0.3:30080/", "kubectl delete pod client"));
        assertThat(results(run(fork, EVERYTHING))).isNotEqualTo(before);
        assertThat(results(run(original, EVERYTHING))).isEqualTo(before).contains("kind: Ingress", "replicas: 3");
    }

    @Test
    void forksOfOneSnapshotDoNotSeeEachOthersWrites() {
        Cluster.Snapshot snapshot = seeded().snapshot();
        Cluster first = snapshot.fork();
        Cluster second = snapshot.fork();
        String untouched = results(run(second, EVERYTHING));
        List<ShellResult> writes = run(first, List.of("kubectl scale deployment web --replicas=1",
                "kubectl annotate pod client note=changed", "curl -s http://172.18.0.4:30080/"));
        assertThat(writes).allSatisfy(r -> assertThat(r.exitCode()).as(r.command()).isZero());
        assertThat(results(run(first, EVERYTHING))).isNotEqualTo(untouched).contains("note: changed");
        assertThat(results(run(second, EVERYTHING))).isEqualTo(untouched).doesNotContain("note: changed");
        assertThat(results(run(snapshot.fork(), EVERYTHING))).isEqualTo(untouched);
    }

    @Test
    void aSnapshotIsForkedFromManyThreadsAtOnce() throws InterruptedException {
        Cluster.Snapshot snapshot = seeded().snapshot();
        List<String> script = SESSION.subList(2, SESSION.size());
        String expected = results(run(snapshot.fork(), script));
        List<String> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    String got = results(run(snapshot.fork(), script));
                    synchronized (seen) {
                        seen.add(got);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(20).allSatisfy(got -> assertThat(got).isEqualTo(expected));
    }

    private static Cluster seeded() {
        Cluster cluster = Cluster.create(ClusterProfile.DEFAULT, 1);
        run(cluster, SESSION.subList(0, 1));
        return cluster;
    }

    private static List<ShellResult> run(Cluster cluster, List<String> lines) {
        Shell shell = Shell.open(cluster);
        shell.putFile("seed-web.yaml", SEED_WEB);
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

    private static void assertSameResults(List<ShellResult> actual, List<ShellResult> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ShellResult e = expected.get(i);
            ShellResult a = actual.get(i);
            assertThat(a.command()).isEqualTo(e.command());
            assertThat(a.stdout()).as(e.command()).isEqualTo(e.stdout());
            assertThat(a.stderr()).as(e.command()).isEqualTo(e.stderr());
            assertThat(a.exitCode()).as(e.command()).isEqualTo(e.exitCode());
            assertThat(a.trace()).as(e.command()).isEqualTo(e.trace());
        }
    }

    private static String fixture(String path) {
        try (InputStream in = ClusterForkTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
