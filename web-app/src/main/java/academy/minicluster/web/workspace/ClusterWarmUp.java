package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.web.course.CourseCatalog;
import academy.minicluster.web.topology.Topology;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Warms the mini-cluster at start, in the background, so that the first playground a learner opens answers as fast
 * as the hundredth. Cold, the first one took 7.7-12 s on this machine (class loading and the JIT compiling the API
 * server, kube-proxy, the shell and the topology for the first time; a second took 0.13 s); warm, the first one takes
 * what the later ones take. The warm-up opens a playground cluster of every profile, runs the commands a learner
 * starts with on it (kubectl get/describe/apply, curl, dig, a shell in a pod), draws its topology, and grades a lab
 * once. The clusters it builds are thrown away: nothing is stored, and no learner's cluster is built in advance
 * (each is its log's replay, as always).
 */
@ApplicationScoped
public class ClusterWarmUp {

    private static final Logger LOG = Logger.getLogger(ClusterWarmUp.class);

    /** What a learner's first minutes run, so that each path is compiled before anyone waits on it. */
    static final List<String> COMMANDS = List.of(
            "kubectl get pods -A -o wide",
            "kubectl get svc -A",
            "kubectl describe svc kubernetes",
            "kubectl get nodes",
            "kubectl create deployment warm --image=traefik/whoami --replicas=2",
            "kubectl expose deployment warm --port=80",
            "kubectl run warm-client --image=nicolaka/netshoot -- sleep 3600",
            "kubectl exec warm-client -- curl -sS http://warm/",
            "kubectl exec warm-client -- dig +short warm.default.svc.cluster.local",
            "curl -sS --connect-timeout 1 http://172.18.255.200/",
            "kubectl get endpointslices -o yaml");

    /** The lab graded once: its start state and the grader's probes. */
    static final String LAB = "fix-wrong-targetport";

    /** What the warm-up did: the profiles it warmed and how long it took. */
    public record Report(List<String> profiles, long millis) {
    }

    @Inject
    Instance<CourseCatalog> course;

    private final boolean enabled;
    /** The current round's end: replaced when another round starts ({@link #warmAgain}). */
    private volatile CompletableFuture<Report> done = new CompletableFuture<>();

    ClusterWarmUp(@ConfigProperty(name = "minicluster.warm-up.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            done.complete(new Report(List.of(), 0));
            return;
        }
        start(done, CompletableFuture.completedFuture(null));
    }

    private void start(CompletableFuture<Report> round, CompletableFuture<?> after) {
        Thread thread = new Thread(() -> {
            after.join();
            warm(round);
        }, "cluster-warm-up");
        thread.setDaemon(true);
        // Below the request threads: a learner's request that comes meanwhile goes first.
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Starts another round of the warm-up once {@code after} completes; until that round ends the platform is not
     * warm. A round is what a start does; tests use it to hold the platform in the state a learner meets in the first
     * seconds after a start, as long as they need.
     */
    void warmAgain(CompletableFuture<?> after) {
        CompletableFuture<Report> round = new CompletableFuture<>();
        done = round;
        start(round, after);
    }

    /** Completes when the warm-up has finished (at once when it is turned off). */
    public CompletableFuture<Report> done() {
        return done;
    }

    public boolean isWarm() {
        return done.isDone();
    }

    /** Whether the warm-up has finished, waiting for it at most {@code wait}. */
    public boolean isWarmWithin(Duration wait) {
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillWarming) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isWarm();
        }
    }

    private void warm(CompletableFuture<Report> done) {
        long start = System.nanoTime();
        List<String> warmed = new ArrayList<>();
        try {
            // The course is read and every lesson rendered when it is first asked for: on the first page anyone
            // opens (5.5 s of the first /course before this), unless done here.
            course.get().course();
            for (ClusterProfile profile : ClusterProfile.all()) {
                Shell shell = WorkspaceReplay.start(null, profile.name(), Cluster.DEFAULT_SEED, ClusterLimits.DEFAULTS);
                for (String command : COMMANDS) {
                    shell.execute(command);
                }
                Topology.of(shell.cluster());
                warmed.add(profile.name());
            }
            for (Lab lab : BuiltInLabs.load(LAB).stream().toList()) {
                Grader.grade(lab, Submission.EMPTY, ClusterLimits.DEFAULTS);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.infof("Mini-clusters warmed in %d ms (profiles %s)", millis, String.join(", ", warmed));
            done.complete(new Report(List.copyOf(warmed), millis));
        } catch (Exception | StackOverflowError e) {
            // A warm-up that fails costs the first learner a cold start, nothing more: say so, and carry on.
            LOG.warn("Warming the mini-clusters failed; the first playground will be slower", e);
            done.complete(new Report(List.copyOf(warmed), (System.nanoTime() - start) / 1_000_000));
        }
    }
}
