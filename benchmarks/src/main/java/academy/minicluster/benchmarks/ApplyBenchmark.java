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
 * Issue 17: what a learner does most on their workspace's cluster. The editor's YAML of a lab (a Deployment and a
 * Service, {@code lab-hello.yaml}) applied again as {@code kubectl apply -f -} — unchanged, or with one field of the
 * Service changed — and the commonest console commands, {@code kubectl get pods} and {@code kubectl get svc,endpoints},
 * on a cluster where it is applied.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApplyBenchmark {

    static final String APPLY = "kubectl apply -f -";

    /**
     * A default cluster with the lab's YAML applied, made afresh for every iteration as a workspace's cluster is
     * forked from its lab's start; {@code edited} is the same YAML with the Service's {@code targetPort} by number
     * instead of by name (the same port: the Service's endpoints stay the same).
     */
    @State(Scope.Thread)
    public static class AppliedCluster {
        Shell shell;
        String yaml;
        String edited;
        /** Which of the two versions the next {@code configured} apply sends. */
        boolean editedNext = true;

        @Setup(Level.Iteration)
        public void create() {
            yaml = Scenarios.labHello();
            edited = yaml.replace("targetPort: http", "targetPort: 5678");
            if (edited.equals(yaml)) {
                throw new IllegalStateException("lab-hello.yaml has no targetPort: http to edit");
            }
            shell = Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, Scenarios.MEASURED));
            ShellResult applied = shell.execute(APPLY, yaml);
            if (!applied.succeeded()) {
                throw new IllegalStateException(applied.stderr());
            }
            // A learner applies, then looks: the first read after the writes is not what repeats.
            shell.execute("kubectl get pods");
        }
    }

    /** The same YAML again: {@code deployment.apps/hello unchanged}, {@code service/hello unchanged}. */
    @Benchmark
    public ShellResult applyUnchanged(AppliedCluster cluster) {
        return cluster.shell.execute(APPLY, cluster.yaml);
    }

    /**
     * The YAML with the Service's {@code targetPort} changed, alternately to the number and back to the name:
     * {@code deployment.apps/hello unchanged}, {@code service/hello configured} every time.
     */
    @Benchmark
    public ShellResult applyConfigured(AppliedCluster cluster) {
        String next = cluster.editedNext ? cluster.edited : cluster.yaml;
        cluster.editedNext = !cluster.editedNext;
        return cluster.shell.execute(APPLY, next);
    }

    /** {@code kubectl get pods}: the Deployment's three pods. */
    @Benchmark
    public ShellResult getPods(AppliedCluster cluster) {
        return cluster.shell.execute("kubectl get pods");
    }

    /** {@code kubectl get svc,endpoints}: two kinds in one table. */
    @Benchmark
    public ShellResult getServicesAndEndpoints(AppliedCluster cluster) {
        return cluster.shell.execute("kubectl get svc,endpoints");
    }
}
