package academy.minicluster.benchmarks;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 2, section 9 (c): clusters of 100, 1,000 and 10,000 pods with proportionate Services, Ingresses and
 * NetworkPolicies ({@link Scenarios#scaled}). {@link #apply} is the time of one {@code kubectl apply -f ... -f ...} of
 * the whole cluster into a fresh cluster; the probes run in an applied cluster and must cost the same at every size.
 */
public class ScaleBenchmark {

    /** The manifest for a cluster of {@code pods} pods, and a fresh cluster to apply it to. */
    @State(Scope.Thread)
    public static class FreshCluster {
        @Param({"100", "1000", "10000"})
        public int pods;

        Map<String, String> files;
        String apply;
        Shell shell;

        @Setup(Level.Trial)
        public void manifest() {
            files = Scenarios.scaled(pods);
            apply = Scenarios.applyCommand(files);
        }

        @Setup(Level.Iteration)
        public void create() {
            shell = Shell.open(Cluster.create(Scenarios.profileFor(pods), Cluster.DEFAULT_SEED, Scenarios.MEASURED));
            files.forEach(shell::putFile);
        }
    }

    /** One {@code kubectl apply -f} of the whole cluster: decoding, admission, controllers to a fixed point. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ShellResult apply(FreshCluster cluster) {
        return cluster.shell.execute(cluster.apply);
    }

    /**
     * A cluster of {@code pods} pods, applied and probed once (which compiles its data plane). Made once per trial:
     * applying 10,000 pods takes too long to repeat per iteration; the access logs grow by a line per probe.
     */
    @State(Scope.Thread)
    public static class AppliedCluster {
        @Param({"100", "1000", "10000"})
        public int pods;

        Map<String, String> files;
        String apply;
        Shell shell;
        String curlIngress;
        String curlFromPod;

        @Setup(Level.Trial)
        public void create() {
            files = Scenarios.scaled(pods);
            apply = Scenarios.applyCommand(files);
            // An app in the middle of the cluster, reached by its Ingress host and by its Service name.
            int app = Scenarios.apps(pods) / 2;
            curlIngress = "curl -s -H 'Host: " + Scenarios.host(app) + "' http://172.18.255.200/";
            String ns = Scenarios.namespace(app / Scenarios.APPS_PER_NAMESPACE);
            curlFromPod = "kubectl exec -n " + Scenarios.namespace(0) + " client -- curl -s http://"
                    + Scenarios.app(app) + "." + ns + "/";
            shell = Shell.open(Cluster.create(Scenarios.profileFor(pods), Cluster.DEFAULT_SEED, Scenarios.MEASURED));
            files.forEach(shell::putFile);
            ShellResult applied = shell.execute(apply);
            if (!applied.succeeded()) {
                throw new IllegalStateException(applied.stderr());
            }
            // The first probe after a write compiles the data plane: measure the probes that follow.
            shell.execute(curlIngress);
            shell.execute(curlFromPod);
        }
    }

    /** The workstation's curl through the load balancer and ingress-nginx to one app's pod. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ShellResult probeThroughIngress(AppliedCluster cluster) {
        return cluster.shell.execute(cluster.curlIngress);
    }

    /** A pod's curl to another namespace's Service by name: DNS, kube-proxy, NetworkPolicy, the container. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ShellResult probeFromPod(AppliedCluster cluster) {
        return cluster.shell.execute(cluster.curlFromPod);
    }
}
