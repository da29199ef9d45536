package academy.minicluster.benchmarks;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 2, section 9 (a) and (b): a fresh default cluster with the seed scenario applied (goal 1 ms), and one curl
 * from the workstation through the load balancer and ingress-nginx to a pod, with its trace (goal 20 µs); issue 13:
 * the same curl through Envoy Gateway (a Gateway and an HTTPRoute), with its trace (goal 20 µs).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SeedScenarioBenchmark {

    static final String SEED_FILE = "seed-web.yaml";
    static final String APPLY = "kubectl apply -f " + SEED_FILE;
    static final String CURL = "curl -s -H 'Host: web.example.com' http://172.18.255.200/";


    /** The manifest, read once. */
    @State(Scope.Benchmark)
    public static class Manifest {
        String yaml;

        @Setup(Level.Trial)
        public void read() {
            yaml = Scenarios.seedWeb();
        }
    }

    /** (a) {@code Cluster.create} with the default profile, then {@code kubectl apply -f seed-web.yaml}. */
    @Benchmark
    public ShellResult freshClusterWithSeedScenario(Manifest manifest) {
        Cluster cluster = Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED);
        Shell shell = Shell.open(cluster);
        shell.putFile(SEED_FILE, manifest.yaml);
        return shell.execute(APPLY);
    }

    /**
     * A cluster with the seed scenario applied. Made afresh for every iteration, so the containers' access logs
     * (one line per request) stay small.
     */
    @State(Scope.Thread)
    public static class SeededCluster {
        Shell shell;

        @Setup(Level.Iteration)
        public void create() {
            shell = Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, Scenarios.MEASURED));
            shell.putFile(SEED_FILE, Scenarios.seedWeb());
            ShellResult applied = shell.execute(APPLY);
            if (!applied.succeeded()) {
                throw new IllegalStateException(applied.stderr());
            }
            // The first probe after a write compiles the data plane: measure the probes that follow.
            shell.execute(CURL);
        }
    }

    /** (b) {@code curl -s -H 'Host: web.example.com' http://172.18.255.200/}, with its trace. */
    @Benchmark
    public ShellResult curlThroughIngress(SeededCluster cluster) {
        return cluster.shell.execute(CURL);
    }

    /**
     * The seed scenario with Gateway eg and HTTPRoute web (issue 13), made afresh for every iteration; {@code curl}
     * is the command to the Gateway's address, which MetalLB assigns after the scenario's own LoadBalancers.
     */
    @State(Scope.Thread)
    public static class GatewayCluster {
        Shell shell;
        String curl;

        @Setup(Level.Iteration)
        public void create() {
            shell = Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, Scenarios.MEASURED));
            shell.putFile(SEED_FILE, Scenarios.seedWeb());
            shell.putFile("gateway-web.yaml", Scenarios.gatewayWeb());
            ShellResult applied = shell.execute(APPLY + " -f gateway-web.yaml");
            if (!applied.succeeded()) {
                throw new IllegalStateException(applied.stderr());
            }
            String address = shell.execute("kubectl get gateway eg -o jsonpath={.status.addresses[0].value}").stdout();
            if (address.isEmpty()) {
                throw new IllegalStateException("Gateway eg has no address");
            }
            curl = "curl -s -H 'Host: web.example.com' http://" + address + "/";
            // The first request after a write compiles the data plane and Envoy Gateway's routes: measure the next.
            shell.execute(curl);
        }
    }

    /** Issue 13: {@code curl -s -H 'Host: web.example.com' http://GATEWAY/} through Envoy Gateway, with its trace. */
    @Benchmark
    public ShellResult curlThroughGateway(GatewayCluster cluster) {
        return cluster.shell.execute(cluster.curl);
    }
}
