package academy.minicluster.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark method once, as JMH would call it, and checks that it measures what it says: the benchmarks
 * themselves run only from {@code benchmarks.jar}, never in {@code mvn verify}.
 */
class BenchmarkSmokeTest {

    /** The smallest scaled cluster keeps the smoke test fast; the manifest is the same at every size. */
    private static final int PODS = 100;

    @Test
    void freshClusterWithSeedScenarioCreatesEveryObjectOfTheManifest() {
        SeedScenarioBenchmark.Manifest manifest = new SeedScenarioBenchmark.Manifest();
        manifest.read();

        ShellResult result = new SeedScenarioBenchmark().freshClusterWithSeedScenario(manifest);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                deployment.apps/web created
                service/web created
                service/web-nodeport created
                service/web-lb created
                ingress.networking.k8s.io/web created
                pod/client created
                """);
    }

    @Test
    void curlThroughIngressReachesAWebPodAndTracesTheIngress() {
        SeedScenarioBenchmark.SeededCluster cluster = new SeedScenarioBenchmark.SeededCluster();
        cluster.create();

        ShellResult result = new SeedScenarioBenchmark().curlThroughIngress(cluster);
        // JMH runs it far more than a session's default 1,000 commands: the budget must not stop the shell.
        assertThat(cluster.shell.cluster().budget().limits().maxCommands()).isEqualTo(Integer.MAX_VALUE);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hostname: web-");
        assertThat(result.trace()).extracting(Hop::stage).contains(Hop.Stage.INGRESS, Hop.Stage.CONTAINER);
    }

    @Test
    void curlThroughGatewayReachesAWebPodAndTracesTheHttpRoute() {
        SeedScenarioBenchmark.GatewayCluster cluster = new SeedScenarioBenchmark.GatewayCluster();
        cluster.create();

        ShellResult result = new SeedScenarioBenchmark().curlThroughGateway(cluster);
        assertThat(cluster.shell.cluster().budget().limits().maxCommands()).isEqualTo(Integer.MAX_VALUE);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hostname: web-");
        assertThat(result.trace()).extracting(Hop::decision).anyMatch(d -> d.startsWith(
                "Gateway default/eg listener http (host web.example.com): HTTPRoute default/web rule 1 matched: "
                        + "PathPrefix / -> Service default/web port 80"));
        assertThat(result.trace()).extracting(Hop::stage).contains(Hop.Stage.CONTAINER);
    }

    /** The running pods of a fresh cluster: two CoreDNS, the ingress-nginx and the Envoy Gateway controllers. */
    private static final int SYSTEM_PODS = 4;

    @Test
    void applyCreatesTheWholeScaledCluster() {
        ScaleBenchmark.FreshCluster cluster = new ScaleBenchmark.FreshCluster();
        cluster.pods = PODS;
        cluster.manifest();
        cluster.create();

        ShellResult result = new ScaleBenchmark().apply(cluster);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines().filter(l -> l.startsWith("deployment.apps/"))).hasSize(Scenarios.apps(PODS));
        // The scenario's pods, its client pod and the cluster's own.
        assertThat(cluster.shell.execute("kubectl get pods -A --no-headers").stdout().lines()
                .filter(l -> l.contains(" Running ") && l.contains(" 1/1 "))).hasSize(PODS + 1 + SYSTEM_PODS);
    }

    @Test
    void probeThroughIngressReachesThePodOfTheMiddleApp() {
        ScaleBenchmark.AppliedCluster cluster = appliedCluster();

        ShellResult result = new ScaleBenchmark().probeThroughIngress(cluster);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hostname: " + Scenarios.app(Scenarios.apps(PODS) / 2) + "-");
        assertThat(result.trace()).extracting(Hop::stage).contains(Hop.Stage.INGRESS, Hop.Stage.POLICY);
    }

    @Test
    void probeFromPodReachesTheMiddleAppByServiceName() {
        ScaleBenchmark.AppliedCluster cluster = appliedCluster();

        ShellResult result = new ScaleBenchmark().probeFromPod(cluster);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Hostname: " + Scenarios.app(Scenarios.apps(PODS) / 2) + "-");
        assertThat(result.trace()).extracting(Hop::stage).contains(Hop.Stage.DNS, Hop.Stage.SERVICE, Hop.Stage.POLICY);
    }

    private static ScaleBenchmark.AppliedCluster appliedCluster() {
        ScaleBenchmark.AppliedCluster cluster = new ScaleBenchmark.AppliedCluster();
        cluster.pods = PODS;
        cluster.create();
        return cluster;
    }

    @Test
    void gradingALabWithItsReferenceSolutionGivesFullMarks() throws Exception {
        GradingBenchmark.LabAndSubmission lab = new GradingBenchmark.LabAndSubmission();
        lab.labId = "troubleshoot-the-shop";
        lab.load();

        academy.minicluster.labs.grade.GradeResult result = new GradingBenchmark().gradeLab(lab);

        assertThat(result.errors()).isEmpty();
        assertThat(result.score()).isEqualTo(result.max()).isPositive();
    }

    @Test
    void gradingEveryLabScoresTheSumOfTheirMaximums() throws Exception {
        GradingBenchmark.AllLabs all = new GradingBenchmark.AllLabs();
        all.load();

        int score = new GradingBenchmark().gradeEveryLab(all);

        assertThat(all.labs).hasSizeGreaterThanOrEqualTo(12);
        assertThat(score).isEqualTo(all.labs.stream().mapToInt(l -> l.maxScore()).sum());
    }

    @Test
    void gradingEveryLabWithALikeReferenceCheckScoresFullMarks() throws Exception {
        GradingBenchmark.AllLabs all = new GradingBenchmark.AllLabs();
        all.load();

        int score = new GradingBenchmark().gradeEveryLabLikeReference(all);

        assertThat(score).isEqualTo(all.likeReference.stream().mapToInt(l -> l.maxScore()).sum());
    }

    @Test
    void lintingEveryLabFindsNothingWrong() throws Exception {
        GradingBenchmark.AllLabs all = new GradingBenchmark.AllLabs();
        all.load();

        assertThat(new GradingBenchmark().lintEveryLab(all)).hasSameSizeAs(all.labs)
                .allSatisfy(report -> assertThat(report.ok()).as(report.toString()).isTrue());
    }

    @Test
    void applyUnchangedSaysUnchangedForBothObjects() {
        ApplyBenchmark.AppliedCluster cluster = labApplied();
        answersEveryTime(3, () -> new ApplyBenchmark().applyUnchanged(cluster),
                "deployment.apps/hello unchanged\nservice/hello unchanged\n");
    }

    @Test
    void applyConfiguredConfiguresTheServiceEveryTime() {
        ApplyBenchmark.AppliedCluster cluster = labApplied();
        answersEveryTime(3, () -> new ApplyBenchmark().applyConfigured(cluster),
                "deployment.apps/hello unchanged\nservice/hello configured\n");
        assertThat(cluster.shell.execute("kubectl get svc hello -o jsonpath={.spec.ports[0].targetPort}").stdout())
                .isEqualTo("5678");
    }

    /** ApplyBenchmark's state, as JMH sets it up for an iteration. */
    private static ApplyBenchmark.AppliedCluster labApplied() {
        ApplyBenchmark.AppliedCluster cluster = new ApplyBenchmark.AppliedCluster();
        cluster.create();
        return cluster;
    }

    /** JMH calls a benchmark method again and again on one state: each call must answer {@code stdout}. */
    private static void answersEveryTime(int times, java.util.function.Supplier<ShellResult> benchmark, String stdout) {
        for (int i = 0; i < times; i++) {
            ShellResult result = benchmark.get();
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).isEqualTo(stdout);
        }
    }

    @Test
    void getPodsAndServicesListTheLabsObjects() {
        ApplyBenchmark.AppliedCluster cluster = labApplied();
        ShellResult pods = new ApplyBenchmark().getPods(cluster);
        ShellResult services = new ApplyBenchmark().getServicesAndEndpoints(cluster);

        assertThat(pods.stdout().lines().filter(l -> l.startsWith("hello-") && l.contains("Running"))).hasSize(3);
        assertThat(services.stdout()).contains("service/hello").contains("endpoints/hello");
    }
}
