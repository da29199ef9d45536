import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU cost of grading the load test's attempt, phase by phase, outside the server: the share of an attempt
 * that belongs to the grader (labs, core-net) rather than to the web app. CPU time of this thread (ThreadMXBean),
 * which other processes on the machine barely change; each phase includes the ones above it.
 *
 * <pre>java -cp labs/target/minicluster.jar loadtest/GradeCost.java [ITERATIONS]</pre>
 */
public final class GradeCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GradeCost() {
    }

    public static void main(String[] args) throws LabFormatException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Lab lab = BuiltInLabs.load("first-clusterip-service").orElseThrow();
        String text = BuiltInLabs.text(lab.id()).orElseThrow();
        // The two submissions of loadtest/wrk.lua.
        String full = "apiVersion: v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n  selector:\n    app: hello\n"
                + "  ports:\n    - port: 80\n      targetPort: 5678\n";
        String partial = full.replace("targetPort: 5678", "targetPort: 8080");
        ClusterProfile profile = ClusterProfile.named(lab.profile()).orElseThrow();
        System.out.printf("%d iterations after %d warm-up, lab %s%n%n", n, n, lab.id());
        System.out.println("| phase | CPU ms per attempt | wall ms |");
        System.out.println("|---|---:|---:|");
        measure("Cluster.create(profile, seed)", n, () -> Cluster.create(profile, lab.seed()));
        measure("+ the lab's start manifests (Grader.prepare, no submission)", n,
                () -> Grader.prepare(lab, Submission.EMPTY));
        measure("+ the submission applied (Grader.prepare)", n, () -> Grader.prepare(lab, Submission.manifests(full)));
        measure("+ the checks: Grader.grade, full marks", n, () -> Grader.grade(lab, Submission.manifests(full)));
        measure("Grader.grade, partial credit", n, () -> Grader.grade(lab, Submission.manifests(partial)));
        measure("LabParser.parse of the lab (now once per version, not per attempt)", n, () -> {
            try {
                LabParser.parse(text, "lab");
            } catch (LabFormatException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void measure(String name, int n, Runnable r) {
        for (int i = 0; i < n; i++) {
            r.run();
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < n; i++) {
            r.run();
        }
        System.out.printf("| %s | %.2f | %.2f |%n", name, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / n,
                (System.nanoTime() - wall) / 1e6 / n);
    }
}
