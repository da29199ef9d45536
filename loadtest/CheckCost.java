import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ClusterLimits;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

/**
 * Issue 17: the CPU cost of one "Check my work" on a cached cluster, phase by phase, outside the server: the lab's
 * reference solution applied from the editor (one step), graded on that cluster as {@code Workspaces.check} grades
 * it ({@link Grader#gradeSession}), then written as the stored JSON. CPU time of this thread, best of 5 rounds.
 *
 * <pre>java -cp labs/target/minicluster.jar loadtest/CheckCost.java [LAB] [ITERATIONS]</pre>
 */
public final class CheckCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CheckCost() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length > 0 ? args[0] : "first-clusterip-service";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Lab lab = BuiltInLabs.load(id).orElseThrow();

        // Without the session budget (1,000 commands): the loop would time its refusal instead of the write.
        ClusterLimits unlimited = new ClusterLimits(ClusterLimits.DEFAULTS.maxObjects(), ClusterLimits.DEFAULTS.maxPods(),
                Integer.MAX_VALUE, ClusterLimits.DEFAULTS.maxLogBytes(), ClusterLimits.DEFAULTS.cpuPerCommand(),
                Duration.ofDays(365), Long.MAX_VALUE);
        Cluster cluster = Grader.prepare(lab, Submission.of(lab.solutions().get(0)), unlimited).cluster();
        List<Grader.Ran> session = List.of(new Grader.Ran(new Submission.Manifests("editor-1.yaml", ""), 0, ""));
        GradeResult result = Grader.gradeSession(lab, cluster, session, Map.of());
        String json = TraceJson.MAPPER.writeValueAsString(TraceJson.grade(lab, result));
        System.out.printf("lab %s: score %d/%d, %d checks, JSON %d chars; %d iterations after as many warm-up%n",
                id, result.score(), result.max(), result.checks().size(), json.length(), n);
        measure("fork + Sessions.open", n, () -> Sessions.open(cluster.fork()));
        measure("Grader.gradeSession (fork + checks)", n, () -> Grader.gradeSession(lab, cluster, session, Map.of()));
        // A check after the learner changed the cluster: a Service written (its tables compiled again), then graded.
        academy.minicluster.net.shell.Shell learner = Sessions.open(cluster);
        int[] n2 = {0};
        measure("kubectl label svc (a write, alone)", n, () -> written(learner.execute(
                "kubectl label svc hello check-cost=v" + (n2[0]++ % 2) + " --overwrite")));
        measure("kubectl label svc + Grader.gradeSession", n, () -> {
            written(learner.execute("kubectl label svc hello check-cost=v" + (n2[0]++ % 2) + " --overwrite"));
            return Grader.gradeSession(lab, cluster, session, Map.of());
        });
        measure("TraceJson.grade (tree)", n, () -> TraceJson.grade(lab, result));
        measure("TraceJson.grade + write (GradeJson.of/write)", n, () -> {
            try {
                return TraceJson.MAPPER.writeValueAsString(TraceJson.grade(lab, result));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static academy.minicluster.net.shell.ShellResult written(academy.minicluster.net.shell.ShellResult r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(r.stderr());
        }
        return r;
    }

    private static void measure(String name, int n, java.util.function.Supplier<?> r) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < n; i++) {
                r.get();
            }
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                r.get();
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / n);
        }
        System.out.printf("%-50s cpu %8.1f us/op%n", name, best);
    }
}
