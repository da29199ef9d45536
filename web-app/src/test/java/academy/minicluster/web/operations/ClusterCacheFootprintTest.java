package academy.minicluster.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.web.workspace.ClusterCache;
import academy.minicluster.web.workspace.LogEntry;
import academy.minicluster.web.workspace.WorkspaceReplay;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures what the README states about {@code minicluster.workspace.cache-size}: the heap one cached cluster
 * retains. It fills a {@link ClusterCache} with realistic workspaces (every built-in lab's start state, then what a
 * learner typically does: apply a Deployment and a Service from the editor, a few kubectl commands and a curl),
 * and divides the growth of the used heap, after full collections, by the number of clusters. One workspace per lab
 * is built first and dropped, so classes, shared constants and the mini-cluster's own snapshots of each bootstrapped
 * (profile, seed), which every cluster forks and shares, are not counted: they do not grow with the cache. The figure is printed and written to
 * {@code target/cluster-cache-footprint.txt}; {@code -Dfootprint.clusters=N} changes how many are built. The same for
 * a heavy playground (20 Deployments of 5 pods and their Services), {@code target/cluster-cache-footprint-heavy.txt}.
 */
class ClusterCacheFootprintTest {

    static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
              labels: {app: shop}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: shop}
              template:
                metadata:
                  labels: {app: shop}
                spec:
                  containers:
                  - name: whoami
                    image: traefik/whoami
                    ports:
                    - containerPort: 80
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: shop
            spec:
              selector: {app: shop}
              ports:
              - port: 80
                targetPort: 80
            """;

    static final List<LogEntry> LEARNER_STEPS = List.of(
            LogEntry.command("kubectl get pods -A -o wide"),
            LogEntry.manifests(APP),
            LogEntry.command("kubectl get deployments,services,endpointslices"),
            LogEntry.command("kubectl describe service shop"),
            LogEntry.command("kubectl run probe --image=curlimages/curl --restart=Never -- sleep 3600"),
            LogEntry.command("kubectl exec probe -- curl -sS http://shop/"),
            LogEntry.command("kubectl scale deployment shop --replicas=5"),
            LogEntry.command("kubectl get pods -o wide"));

    /** Upper bound asserted per cluster: far above the measured figure; it catches a leak, not a small drift. */
    static final long BOUND_BYTES = 16L * 1024 * 1024;

    @Test
    void aCachedClusterRetainsAMeasuredBoundedAmountOfHeap() throws Exception {
        int n = Integer.getInteger("footprint.clusters", 51);
        List<Lab> labs = BuiltInLabs.all();
        ClusterCache cache = new ClusterCache(n);
        long cold = usedAfterGc();
        labs.forEach(ClusterCacheFootprintTest::workspace);

        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            cache.put(new ClusterCache.Key(i, LEARNER_STEPS.size()), workspace(labs.get(i % labs.size())));
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(cache);

        long perCluster = (after - before) / n;
        String report = String.format(Locale.ROOT,
                "ClusterCache footprint: %d clusters (%d built-in labs, %d learner steps each) retain %.1f MiB: "
                        + "%d KiB per cluster; a cache of 200 holds ~%.0f MiB. Shared, whatever the cache size: "
                        + "%.1f MiB after one workspace per lab (the labs' start snapshots, static data)%n",
                n, labs.size(), LEARNER_STEPS.size(), (after - before) / 1048576.0, perCluster / 1024,
                perCluster * 200 / 1048576.0, (before - cold) / 1048576.0);
        System.out.print(report);
        write("cluster-cache-footprint.txt", report);
        assertThat(cache.size()).isEqualTo(n);
        assertThat(perCluster).isPositive().isLessThan(BOUND_BYTES);
    }

    /**
     * The same workspaces restored from their saved states ({@code WorkspaceSnapshots}), as a server holds them after
     * cache misses, and the size of a saved state: {@code target/cluster-cache-footprint-restored.txt}.
     */
    @Test
    void aRestoredClusterRetainsAMeasuredBoundedAmountOfHeap() throws Exception {
        int n = Integer.getInteger("footprint.clusters", 51);
        List<Lab> labs = BuiltInLabs.all();
        List<byte[]> states = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            states.add(workspace(labs.get(i % labs.size())).saveState());
        }
        ClusterCache cache = new ClusterCache(n);
        for (int i = 0; i < labs.size(); i++) {
            Shell.restore(states.get(i), ClusterLimits.DEFAULTS, Grader.startState(labs.get(i)));
        }
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            cache.put(new ClusterCache.Key(i, LEARNER_STEPS.size()), Shell.restore(states.get(i),
                    ClusterLimits.DEFAULTS, Grader.startState(labs.get(i % labs.size()))));
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(cache);

        long perCluster = (after - before) / n;
        long stateBytes = states.stream().mapToLong(b -> b.length).sum() / n;
        String report = String.format(Locale.ROOT,
                "ClusterCache footprint, restored from saved states: %d KiB per cluster; a saved state is %d KiB%n",
                perCluster / 1024, stateBytes / 1024);
        System.out.print(report);
        write("cluster-cache-footprint-restored.txt", report);
        assertThat(cache.size()).isEqualTo(n);
        assertThat(perCluster).isPositive().isLessThan(BOUND_BYTES);
    }

    @Test
    void aHeavyPlaygroundRetainsAMeasuredBoundedAmountOfHeap() throws Exception {
        List<LogEntry> log = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            log.add(LogEntry.command("kubectl create deployment app" + i + " --image=traefik/whoami --replicas=5"));
            log.add(LogEntry.command("kubectl expose deployment app" + i + " --port=80"));
            log.add(LogEntry.command("kubectl get pods -o wide"));
        }
        int n = Integer.getInteger("footprint.heavy", 30);
        ClusterCache cache = new ClusterCache(n);
        playground(log);

        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            cache.put(new ClusterCache.Key(i, log.size()), playground(log));
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(cache);

        long perCluster = (after - before) / n;
        String report = String.format(Locale.ROOT,
                "ClusterCache footprint, heavy playgrounds (20 Deployments of 5 pods, 20 Services): %d KiB per cluster%n",
                perCluster / 1024);
        System.out.print(report);
        write("cluster-cache-footprint-heavy.txt", report);
        assertThat(perCluster).isPositive().isLessThan(BOUND_BYTES);
    }

    private static Shell playground(List<LogEntry> log) {
        Shell shell = WorkspaceReplay.start(null, "default", 1);
        assertThat(WorkspaceReplay.replay(shell, log)).allSatisfy(r -> assertThat(r.exitCode()).isZero());
        return shell;
    }

    private static Shell workspace(Lab lab) {
        Shell shell = WorkspaceReplay.start(lab, lab.profile(), lab.seed());
        assertThat(WorkspaceReplay.replay(shell, LEARNER_STEPS)).allSatisfy(r -> assertThat(r.exitCode()).isZero());
        return shell;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static void write(String file, String report) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve(file), report);
        }
    }
}
