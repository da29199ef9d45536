package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A learner at a terminal on a fresh mini-cluster: fixtures are put into the shell's file table under their own
 * name and applied with {@code kubectl apply -f NAME}, exactly as typed; every probe is a command line.
 */
final class Scenario {

    private final Cluster cluster;
    private final Shell shell;

    private Scenario(Cluster cluster) {
        this.cluster = cluster;
        this.shell = Shell.open(cluster);
    }

    /** A default cluster (kind, iptables, Calico-like policy, ingress-nginx, MetalLB). */
    static Scenario fresh() {
        return new Scenario(Cluster.create());
    }

    /** A default cluster built from another seed. */
    static Scenario seeded(long seed) {
        return new Scenario(Cluster.create(ClusterProfile.DEFAULT, seed));
    }

    /** A cluster of the named profile ({@code ipvs}, {@code no-network-policy}, ...). */
    static Scenario profile(String name) {
        return new Scenario(Cluster.create(ClusterProfile.named(name).orElseThrow(), Cluster.DEFAULT_SEED));
    }

    /** {@code kubectl apply -f FIXTURE} of {@code scenarios/FIXTURE}; the apply must succeed. */
    Scenario apply(String fixture) {
        shell.putFile(fixture, fixture(fixture));
        ShellResult r = shell.execute("kubectl apply -f " + fixture);
        assertThat(r.exitCode()).as("kubectl apply -f %s: %s", fixture, r.stderr()).isZero();
        return this;
    }

    /** Makes {@code content} readable by {@code kubectl apply -f name}. */
    Scenario file(String name, String content) {
        shell.putFile(name, content);
        return this;
    }

    ShellResult run(String line) {
        return shell.execute(line);
    }

    /** Runs {@code line} and returns its stdout, failing if it exits non-zero. */
    String out(String line) {
        ShellResult r = shell.execute(line);
        assertThat(r.exitCode()).as("%s\nstdout: %s\nstderr: %s\ntrace: %s", line, r.stdout(), r.stderr(),
                trace(r)).isZero();
        return r.stdout();
    }

    /** {@code kubectl get pod NAME -o jsonpath={.status.podIP}}. */
    String podIp(String pod) {
        return out("kubectl get pod " + pod + " -o jsonpath={.status.podIP}");
    }

    String podIp(String pod, String namespace) {
        return out("kubectl get pod " + pod + " -n " + namespace + " -o jsonpath={.status.podIP}");
    }

    String clusterIp(String service) {
        return out("kubectl get svc " + service + " -o jsonpath={.spec.clusterIP}");
    }

    String jsonpath(String resource, String path) {
        return out("kubectl get " + resource + " -o jsonpath=" + path);
    }

    /** Lets simulated time pass (probe periods, TTLs) and the controllers catch up. */
    Scenario advance(long seconds) {
        cluster.clock().advance(seconds);
        cluster.reconcile();
        return this;
    }

    Cluster cluster() {
        return cluster;
    }

    Shell shell() {
        return shell;
    }

    /** The trace as text, one hop a line, for assertions and failure messages. */
    static String trace(ShellResult r) {
        return r.trace().stream().map(Hop::toString).collect(Collectors.joining("\n"));
    }

    /** The hops of the trace that stopped the packet. */
    static List<Hop> stops(ShellResult r) {
        return r.trace().stream().filter(h -> !h.passed()).toList();
    }

    static String fixture(String name) {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture scenarios/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
