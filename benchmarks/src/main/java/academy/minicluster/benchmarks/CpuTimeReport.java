package academy.minicluster.benchmarks;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same measurements as the JMH benchmarks, in CPU time of the measuring thread rather than wall-clock time:
 * on a machine shared with other builds, wall-clock figures grow with the load while CPU time barely does.
 * {@code java -cp benchmarks/target/benchmarks.jar academy.minicluster.benchmarks.CpuTimeReport [maxPods]}.
 */
public final class CpuTimeReport {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeReport() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("grading")) {
            gradingReport();  // the grading figures only (issue 12)
            probeSetReport();
            return;
        }
        if (args.length > 0 && args[0].equals("apply")) {
            applyReport();  // issue 17: the learner's apply and console commands only
            return;
        }
        int maxPods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String seed = Scenarios.seedWeb();
        Supplier<ShellResult> fresh = () -> {
            Shell shell = Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED));
            shell.putFile(SeedScenarioBenchmark.SEED_FILE, seed);
            return shell.execute(SeedScenarioBenchmark.APPLY);
        };
        report("(a) fresh cluster + seed scenario", fresh, 20_000, 5000);
        // The measured clusters run without the session budget (Scenarios.MEASURED): with 1,000 commands a session,
        // the loop would time the budget's refusal instead of the curl.
        Shell seeded = Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, Scenarios.MEASURED));
        seeded.putFile(SeedScenarioBenchmark.SEED_FILE, seed);
        seeded.execute(SeedScenarioBenchmark.APPLY);
        report("(b) curl through the ingress", () -> seeded.execute(SeedScenarioBenchmark.CURL), 100_000, 20_000);
        SeedScenarioBenchmark.GatewayCluster gateway = new SeedScenarioBenchmark.GatewayCluster();
        gateway.create();
        report("(b) curl through a Gateway", () -> gateway.shell.execute(gateway.curl), 100_000, 20_000);
        gradingReport();
        for (int pods : new int[] {100, 1000, 10_000}) {
            if (pods > maxPods) {
                break;
            }
            Map<String, String> files = Scenarios.scaled(pods);
            String apply = Scenarios.applyCommand(files);
            Shell[] last = new Shell[1];
            Supplier<ShellResult> applyOnce = () -> {
                last[0] = Shell.open(Cluster.create(Scenarios.profileFor(pods), Cluster.DEFAULT_SEED,
                        Scenarios.MEASURED));
                files.forEach(last[0]::putFile);
                return last[0].execute(apply);
            };
            int runs = pods >= 10_000 ? 1 : 3;
            report("(c) apply " + pods + " pods", applyOnce, pods >= 10_000 ? 0 : 2, runs);
            int app = Scenarios.apps(pods) / 2;
            String ingress = "curl -s -H 'Host: " + Scenarios.host(app) + "' http://172.18.255.200/";
            String fromPod = "kubectl exec -n " + Scenarios.namespace(0) + " client -- curl -s http://"
                    + Scenarios.app(app) + "." + Scenarios.namespace(app / Scenarios.APPS_PER_NAMESPACE) + "/";
            Shell shell = last[0];
            report("(c) probe through ingress, " + pods + " pods", () -> shell.execute(ingress), 80_000, 20_000);
            report("(c) probe from pod, " + pods + " pods", () -> shell.execute(fromPod), 80_000, 20_000);
        }
    }

    /** Issue 3: one grading per lab (each built-in lab, reference solution), and the linter over every lab. */
    private static void gradingReport() {
        GradingBenchmark.AllLabs all = new GradingBenchmark.AllLabs();
        try {
            all.load();
        } catch (academy.minicluster.labs.lab.LabFormatException e) {
            throw new IllegalStateException(e);
        }
        GradingBenchmark bench = new GradingBenchmark();
        int labs = all.labs.size();
        timed("grading, per lab (" + labs + " labs, reference solutions)", () -> bench.gradeEveryLab(all), 300, 200,
                labs);
        timed("grading with likeReference, per lab", () -> bench.gradeEveryLabLikeReference(all), 300, 200, labs);
        for (int i = 0; i < labs; i++) {
            academy.minicluster.labs.lab.Lab lab = all.likeReference.get(i);
            academy.minicluster.labs.grade.Submission submission = all.submissions.get(i);
            timed("  with likeReference: " + lab.id(),
                    () -> academy.minicluster.labs.grade.Grader.grade(lab, submission), 100, 200, 1);
        }
        timed("linting all " + labs + " built-in labs", () -> bench.lintEveryLab(all), 2, 5, 1);
    }

    /**
     * Issue 17: {@link ApplyBenchmark}'s four operations, each on its own cluster, in rounds: the best round is the
     * figure to compare (a round that shared the cores with another process only grows).
     */
    private static void applyReport() {
        ApplyBenchmark bench = new ApplyBenchmark();
        Map<String, java.util.function.Function<ApplyBenchmark.AppliedCluster, ShellResult>> ops =
                new java.util.LinkedHashMap<>();
        ops.put("apply, unchanged", bench::applyUnchanged);
        ops.put("apply, one field configured", bench::applyConfigured);
        ops.put("kubectl get pods", bench::getPods);
        ops.put("kubectl get svc,endpoints", bench::getServicesAndEndpoints);
        ops.forEach((what, op) -> {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 10; round++) {
                ApplyBenchmark.AppliedCluster cluster = new ApplyBenchmark.AppliedCluster();
                cluster.create();
                for (int i = 0; i < 2_000; i++) {
                    check(op.apply(cluster), what);
                }
                long cpu = THREADS.getCurrentThreadCpuTime();
                int runs = 2_000;
                for (int i = 0; i < runs; i++) {
                    check(op.apply(cluster), what);
                }
                best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / runs);
            }
            System.out.printf("%-45s cpu %10.1f us/op (best of 10 rounds of 2,000)%n", what, best);
        });
    }

    /**
     * Issue 12: the learner's side of {@code likeReference}, run on every grading: the lab's probe set (derived from
     * its reference solution) answered in a cluster with the reference solution applied.
     */
    private static void probeSetReport() {
        List<academy.minicluster.labs.lab.Lab> labs;
        try {
            labs = academy.minicluster.labs.lab.BuiltInLabs.all();
        } catch (academy.minicluster.labs.lab.LabFormatException e) {
            throw new IllegalStateException(e);
        }
        for (academy.minicluster.labs.lab.Lab lab : labs) {
            Cluster cluster = academy.minicluster.labs.grade.Grader.prepare(lab,
                    academy.minicluster.labs.grade.Submission.of(lab.solutions().get(0))).cluster();
            academy.minicluster.labs.probe.ProbeSet set = academy.minicluster.labs.probe.ProbeSet.of(cluster, List.of());
            timed("  probe set (" + set.size() + " probes): " + lab.id(), () -> set.answer(cluster), 300, 500, 1);
        }
    }

    private static void timed(String what, Supplier<?> op, int warmup, int runs, int perOp) {
        for (int i = 0; i < warmup; i++) {
            op.get();
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            op.get();
        }
        double cpuUs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / runs / perOp;
        double wallUs = (System.nanoTime() - wall) / 1e3 / runs / perOp;
        System.out.printf("%-45s %8d runs  cpu %14.1f us/op  wall %14.1f us/op%n", what, runs, cpuUs, wallUs);
    }

    private static void report(String what, Supplier<ShellResult> op, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            check(op.get(), what);
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            check(op.get(), what);
        }
        double cpuUs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / runs;
        double wallUs = (System.nanoTime() - wall) / 1e3 / runs;
        System.out.printf("%-45s %8d runs  cpu %14.1f us/op  wall %14.1f us/op%n", what, runs, cpuUs, wallUs);
    }

    private static void check(ShellResult result, String what) {
        if (!result.succeeded()) {
            throw new IllegalStateException(what + ": " + result.stderr());
        }
    }
}
