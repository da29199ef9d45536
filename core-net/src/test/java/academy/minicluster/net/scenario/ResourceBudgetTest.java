package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster's own budgets (issue 11): replicas bombs and every route around a count (a here-document, a pipe, a
 * {@code kind: List}, a leading tab, one script of 20,000 lines) end at the same limits, counted on what is stored
 * and run. Timeouts are generous backstops; the assertions are on the answers.
 */
class ResourceBudgetTest {

    private static final ClusterLimits SMALL = new ClusterLimits(120, 40, 50, 1024 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(300), ClusterLimits.DEFAULTS.maxOutputBytes());

    private static Shell shell(ClusterLimits limits) {
        return Shell.open(Cluster.create(ClusterProfile.DEFAULT, Cluster.DEFAULT_SEED, limits));
    }

    private static String deployment(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: web
                        image: traefik/whoami
                """.formatted(name, replicas, name, name);
    }

    private static String configMaps(int count, String indent) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(indent).append("---\n").append(indent).append("apiVersion: v1\n").append(indent)
                    .append("kind: ConfigMap\n").append(indent).append("metadata:\n").append(indent)
                    .append("  name: cm-").append(i).append('\n');
        }
        return s.toString();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionReplicasOfADeploymentStopAtThePodLimitWithFailedCreateAndReplicaFailure() {
        Shell shell = shell(ClusterLimits.DEFAULTS);
        shell.putFile("bomb.yaml", deployment("bomb", 1_000_000));

        ShellResult applied = shell.execute("kubectl apply -f bomb.yaml");

        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
        assertThat(shell.cluster().store().count("Pod")).isEqualTo(ClusterLimits.DEFAULTS.maxPods());
        String rs = shell.execute("kubectl get rs -l app=bomb -o name").stdout().strip();
        String events = shell.execute("kubectl get events | grep FailedCreate").stdout();
        assertThat(events.lines()).singleElement().asString().contains("Warning   FailedCreate        replicaset/bomb-")
                .contains("Error creating: pods \"bomb-")
                .contains("is forbidden: exceeded quota: minicluster-limits, requested: pods=1, used: pods=300, "
                        + "limited: pods=300");
        assertThat(shell.execute("kubectl get " + rs + " -o jsonpath={.status.conditions[0].type}").stdout())
                .isEqualTo("ReplicaFailure");
        assertThat(shell.execute("kubectl get deploy bomb -o jsonpath={.status.conditions[2].reason}").stdout())
                .isEqualTo("FailedCreate");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionReplicasByScaleByReplicaSetAndByCreateDeploymentStopAtThePodLimit() {
        Shell scaled = shell(SMALL);
        scaled.putFile("web.yaml", deployment("web", 1));
        scaled.execute("kubectl apply -f web.yaml");
        assertThat(scaled.execute("kubectl scale deployment web --replicas=1000000").exitCode()).isZero();
        assertThat(scaled.cluster().store().count("Pod")).isEqualTo(SMALL.maxPods());

        Shell created = shell(SMALL);
        assertThat(created.execute("kubectl create deployment big --image=traefik/whoami --replicas=1000000")
                .exitCode()).isZero();
        assertThat(created.cluster().store().count("Pod")).isEqualTo(SMALL.maxPods());

        Shell replicaSet = shell(SMALL);
        replicaSet.putFile("rs.yaml", deployment("rs", 1_000_000).replace("kind: Deployment", "kind: ReplicaSet"));
        assertThat(replicaSet.execute("kubectl apply -f rs.yaml").exitCode()).isZero();
        assertThat(replicaSet.cluster().store().count("Pod")).isEqualTo(SMALL.maxPods());
    }

    @Test
    void podsPastTheLimitAreRefusedAsUnderAResourceQuota() {
        Shell shell = shell(SMALL);
        shell.execute("kubectl create deployment fill --image=traefik/whoami --replicas=1000");

        ShellResult r = shell.execute("kubectl run one-more --image=traefik/whoami");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error from server (Forbidden): pods \"one-more\" is forbidden: exceeded "
                + "quota: minicluster-limits, requested: pods=1, used: pods=40, limited: pods=40\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHereDocumentOfAThousandObjectsStopsAtTheObjectLimit() {
        Shell shell = shell(SMALL);
        int before = shell.cluster().store().count();

        List<ShellResult> results = shell.runScript("kubectl apply -f - <<EOF\n" + configMaps(1000, "") + "EOF\n");

        assertThat(shell.cluster().store().count()).isEqualTo(SMALL.maxObjects());
        assertThat(before).isLessThan(SMALL.maxObjects());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains("Error from server (Forbidden): error when creating \"STDIN\": configmaps "
                    + "\"cm-" + (SMALL.maxObjects() - before) + "\" is forbidden: exceeded quota: minicluster-limits, "
                    + "requested: count/objects=1, used: count/objects=120, limited: count/objects=120");
        });
    }

    @Test
    void aKindListAndALeadingTabAndAPipeCountTheSame() {
        StringBuilder list = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (int i = 0; i < 500; i++) {
            list.append("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: item-").append(i).append('\n');
        }
        Shell listed = shell(SMALL);
        listed.putFile("list.yaml", list.toString());
        listed.execute("kubectl apply -f list.yaml");
        assertThat(listed.cluster().store().count()).isEqualTo(SMALL.maxObjects());

        Shell tabbed = shell(SMALL);
        tabbed.runScript("kubectl apply -f - <<-EOF\n\t\n" + configMaps(501, "\t") + "\tEOF\n");
        assertThat(tabbed.cluster().store().count()).isLessThanOrEqualTo(SMALL.maxObjects());

        Shell piped = shell(SMALL);
        piped.putFile("many.yaml", configMaps(501, ""));
        piped.execute("kubectl apply -f many.yaml -o yaml | kubectl apply -f -");
        assertThat(piped.cluster().store().count()).isEqualTo(SMALL.maxObjects());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneScriptOfTwentyThousandLinesStopsAtTheCommandLimit() {
        Shell shell = shell(SMALL);

        List<ShellResult> results = shell.runScript("kubectl get pods\n".repeat(20_000));

        assertThat(results).hasSize(SMALL.maxCommands() + 1);
        ShellResult last = results.get(results.size() - 1);
        assertThat(last.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(last.stderr()).isEqualTo("minicluster: this session has run 50 commands, its limit "
                + "(max-commands): start a new session to run more\n");
        assertThat(shell.stopped()).isTrue();
    }

    @Test
    void aCancelledSessionStopsAtItsNextCheckpoint() {
        Shell shell = shell(SMALL);
        shell.cluster().budget().cancel();

        ShellResult r = shell.execute("kubectl get pods");

        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(r.stderr()).isEqualTo("minicluster: the command was cancelled: the client went away\n");
    }

    @Test
    void aCommandOverItsCpuBudgetIsStoppedNamingTheLimit() {
        ClusterLimits tiny = new ClusterLimits(1000, 300, 1000, 1024, Duration.ofNanos(1), Duration.ofSeconds(300),
                ClusterLimits.DEFAULTS.maxOutputBytes());
        Shell shell = shell(tiny);
        shell.putFile("web.yaml", deployment("web", 3));

        ShellResult r = shell.execute("kubectl apply -f web.yaml");

        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(r.stderr()).startsWith("minicluster: the command was stopped after ")
                .endsWith(" of CPU time, the limit per command (cpu-per-command)\n");
    }

    /**
     * A loop that never ends, under no command limit, stops on CPU time alone, at whichever budget runs out first:
     * the checkpoints that skip reading the thread's CPU clock while the wall clock says no budget can be spent yet
     * still read it once one could be.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLoopThatNeverEndsStopsAtWhicheverCpuBudgetRunsOut() {
        ShellResult command = endlessLoop(Duration.ofMillis(300), Duration.ofSeconds(300));
        ShellResult session = endlessLoop(Duration.ofSeconds(60), Duration.ofMillis(300));

        assertThat(List.of(command.exitCode(), session.exitCode())).containsOnly(BudgetExceeded.EXIT_CODE);
        assertThat(command.stderr()).contains("the limit per command (cpu-per-command)");
        assertThat(session.stderr()).contains("its limit (cpu-per-session)");
    }

    /** {@code while true; do :; done} in a session with no command limit and the given CPU budgets. */
    private static ShellResult endlessLoop(Duration cpuPerCommand, Duration cpuPerSession) {
        ClusterLimits limits = new ClusterLimits(1000, 300, Integer.MAX_VALUE, 1024, cpuPerCommand, cpuPerSession,
                ClusterLimits.DEFAULTS.maxOutputBytes());
        return shell(limits).execute("while true; do :; done");
    }

    /**
     * {@code max-output-bytes}: what a session prints is bounded, whatever prints it. The command that crosses the
     * limit is cut there with the limit's message and exit code 124; it ran (its effects stay); nothing runs after.
     */
    @Test
    void outputPastTheSessionsLimitIsCutAndTheSessionStops() {
        ClusterLimits limits = new ClusterLimits(1000, 300, 1000, 1024 * 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(300), 100_000);
        Shell shell = shell(limits);
        ShellResult created = shell.execute("kubectl create deployment web --image=traefik/whoami --replicas=5");
        assertThat(created.exitCode()).isZero();
        long printed = created.stdout().length();

        ShellResult crossing = null;
        for (int i = 0; i < 100 && crossing == null; i++) {
            ShellResult r = shell.execute("kubectl get pods -A -o yaml");
            if (r.exitCode() == 0) {
                printed += r.stdout().length();
            } else {
                crossing = r;
            }
        }
        assertThat(crossing).as("a listing crossed the limit").isNotNull();
        assertThat(crossing.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(printed).isLessThan(100_000);
        assertThat(crossing.stdout().length()).isEqualTo(100_000 - printed);
        assertThat(crossing.stderr()).isEqualTo("minicluster: this session has printed 100000 bytes, its limit "
                + "(max-output-bytes): start a new session to run more\n");
        assertThat(shell.stopped()).isTrue();

        ShellResult after = shell.execute("kubectl get ns");
        assertThat(after.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(after.stdout()).isEmpty();
        assertThat(after.stderr()).contains("(max-output-bytes)");
    }

    /** A multi-byte character is never split by the cut. */
    @Test
    void theCutNeverSplitsACharacter() {
        ClusterLimits limits = new ClusterLimits(1000, 300, 1000, 1024 * 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(300), 5);
        Shell shell = shell(limits);
        ShellResult r = shell.execute("echo 'aé€𝄞'");
        assertThat(r.exitCode()).isEqualTo(BudgetExceeded.EXIT_CODE);
        assertThat(r.stdout()).isEqualTo("aé");
    }
}
