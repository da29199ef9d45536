package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.topology.Topology;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspaces kept as logs: state survives losing the cache (a restart, another server), grading stores attempts. */
@QuarkusTest
class WorkspacesTest {

    @Inject
    Workspaces workspaces;

    @Inject
    ClusterCache cache;

    @Inject
    LabCatalog catalog;

    @Inject
    WorkspaceSnapshots snapshots;

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    private long me;
    private Lab lab;

    @BeforeEach
    void setUp() {
        TestAccounts.ensure();
        me = TestAccounts.id(TestAccounts.ANA);
        lab = workspaces.lab(LabWorkspaceResourceTest.LAB);
    }

    @Test
    void theSameLogGivesTheSameOutputAfterTheCacheIsEmptied() {
        Workspace w = workspaces.resetLab(me, lab);
        for (LogEntry e : WorkspaceReplayTest.LOG.subList(0, 3)) {
            workspaces.run(w, e);
        }
        String cachedView = workspaces.view(w, s -> Topology.of(s.cluster()).text());
        LogEntry curl = WorkspaceReplayTest.LOG.get(3);
        Workspace twin = workspaces.resetLab(me, lab);
        for (LogEntry e : WorkspaceReplayTest.LOG.subList(0, 3)) {
            workspaces.run(twin, e);
        }

        cache.clear();
        String replayedView = workspaces.view(w, s -> Topology.of(s.cluster()).text());
        ShellResult afterReplay = workspaces.run(w, curl);
        cache.clear();
        ShellResult afterAnotherReplay = workspaces.run(twin, curl);

        assertThat(replayedView).isEqualTo(cachedView).contains("Service default/api");
        assertThat(afterReplay).isEqualTo(afterAnotherReplay);
        assertThat(afterReplay.stdout()).contains("api says hi");
    }

    @Test
    void aCommandOnACachedClusterRunsAfterWhatAnotherReplicaAppended() {
        Workspace w = workspaces.resetLab(me, lab);
        Workspace twin = workspaces.resetLab(me, lab);
        for (LogEntry e : WorkspaceReplayTest.LOG.subList(0, 2)) {
            workspaces.run(w.id, me, e, null);
        }
        // Another replica appends the third entry (the client pod): this server's cluster of w is one entry behind.
        assertThat(WorkspaceLog.append(dataSource, w.id, 3, WorkspaceReplayTest.LOG.get(2), null)).isTrue();

        ShellResult curl = workspaces.run(w.id, me, WorkspaceReplayTest.LOG.get(3), null).result();
        for (LogEntry e : WorkspaceReplayTest.LOG.subList(0, 3)) {
            workspaces.run(twin.id, me, e, null);
        }
        ShellResult twinCurl = workspaces.run(twin.id, me, WorkspaceReplayTest.LOG.get(3), null).result();

        assertThat(curl).isEqualTo(twinCurl);
        assertThat(curl.stdout()).contains("api says hi");
        assertThat(WorkspaceLog.entries(dataSource, w.id)).isEqualTo(WorkspaceReplayTest.LOG.subList(0, 4));
    }

    @Test
    void anotherLearnersCachedWorkspaceIsNotFoundAndItsLogUntouched() {
        Workspace w = workspaces.resetLab(me, lab);
        workspaces.run(w.id, me, WorkspaceReplayTest.LOG.get(0), null);
        long ben = TestAccounts.id(TestAccounts.BEN);

        assertThatThrownBy(() -> workspaces.run(w.id, ben, WorkspaceReplayTest.LOG.get(1), null))
                .isInstanceOf(NotFoundException.class);
        assertThat(WorkspaceLog.length(dataSource, w.id)).isEqualTo(1);
        assertThat(workspaces.run(w.id, me, WorkspaceReplayTest.LOG.get(1), null).workspace().id).isEqualTo(w.id);
        assertThat(WorkspaceLog.length(dataSource, w.id)).isEqualTo(2);
    }

    @Test
    void aMissRestoresTheSavedStateAndReplaysOnlyTheEntriesAfterIt() {
        Workspace w = workspaces.resetLab(me, lab);
        Workspace twin = workspaces.resetLab(me, lab);
        List<LogEntry> log = new ArrayList<>(WorkspaceReplayTest.LOG);
        while (log.size() < WorkspaceSnapshots.DEFAULT_EVERY + 2) {
            log.add(LogEntry.command("kubectl exec client -- curl -sS http://api/"));
        }
        for (LogEntry e : log) {
            workspaces.run(w, e);
            workspaces.run(twin, e);
        }
        assertThat(savedLength(w)).isEqualTo(WorkspaceSnapshots.DEFAULT_EVERY);
        long restores = registry.timer("minicluster.workspace.restore").count();
        long replays = registry.timer("minicluster.workspace.replay").count();

        cache.evict(w.id);
        ShellResult restored = workspaces.run(w, WorkspaceReplayTest.LOG.get(3));
        ShellResult cached = workspaces.run(twin, WorkspaceReplayTest.LOG.get(3));

        assertThat(restored).isEqualTo(cached);
        assertThat(restored.stdout()).contains("api says hi");
        assertThat(registry.timer("minicluster.workspace.restore").count()).isEqualTo(restores + 1);
        assertThat(registry.timer("minicluster.workspace.replay").count()).isEqualTo(replays);
        String restoredView = workspaces.view(w, s -> Topology.of(s.cluster()).text());
        String cachedView = workspaces.view(twin, s -> Topology.of(s.cluster()).text());
        assertThat(restoredView).isEqualTo(cachedView);
    }

    @Test
    void aStateSavedByAnotherBuildIsIgnoredAndReplacedAfterAWholeReplay() {
        Workspace w = workspaces.resetLab(me, lab);
        List<LogEntry> log = new ArrayList<>(WorkspaceReplayTest.LOG);
        while (log.size() < WorkspaceSnapshots.DEFAULT_EVERY) {
            log.add(LogEntry.command("kubectl get pods"));
        }
        log.forEach(e -> workspaces.run(w, e));
        QuarkusTransaction.requiringNew().run(() -> Workspace.getEntityManager().createNativeQuery(
                "UPDATE workspace_snapshot SET model = 'another build' WHERE workspace_id = ?1")
                .setParameter(1, w.id).executeUpdate());
        long replays = registry.timer("minicluster.workspace.replay").count();

        cache.evict(w.id);
        ShellResult curl = workspaces.run(w, WorkspaceReplayTest.LOG.get(3));

        assertThat(curl.stdout()).contains("api says hi");
        assertThat(registry.timer("minicluster.workspace.replay").count()).isEqualTo(replays + 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Workspace.getEntityManager().createNativeQuery(
                "SELECT model FROM workspace_snapshot WHERE workspace_id = ?1").setParameter(1, w.id)
                .getSingleResult())).isEqualTo(snapshots.model());
    }

    private static int savedLength(Workspace w) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Workspace.getEntityManager().createNativeQuery(
                "SELECT log_length FROM workspace_snapshot WHERE workspace_id = ?1").setParameter(1, w.id)
                .getSingleResult()).intValue());
    }

    @Test
    void everyCommandAndApplyIsAppendedToTheLogInOrder() {
        Workspace w = workspaces.resetLab(me, lab);
        for (LogEntry e : WorkspaceReplayTest.LOG) {
            workspaces.run(w, e);
        }

        List<WorkspaceEntry> log = QuarkusTransaction.requiringNew().call(() -> WorkspaceEntry.log(w.id));

        assertThat(log).extracting(e -> e.seq).containsExactly(1, 2, 3, 4);
        assertThat(log).extracting(e -> e.kind).containsExactly("command", "manifests", "command", "command");
        assertThat(workspaces.log(w)).isEqualTo(WorkspaceReplayTest.LOG);
    }

    @Test
    void checkingGradesTheLogAndStoresTheAttemptWithItsLabVersion() {
        Workspace w = workspaces.resetLab(me, lab);
        workspaces.run(w, WorkspaceReplayTest.LOG.get(1));

        LabAttempt a = workspaces.check(w, me);

        LabAttempt stored = QuarkusTransaction.requiringNew().call(() -> LabAttempt.<LabAttempt>findById(a.id));
        assertThat(stored.score).isEqualTo(7);
        assertThat(stored.maxScore).isEqualTo(7);
        assertThat(stored.labVersion).isEqualTo(lab.version());
        assertThat(GradeJson.view(stored.result).checks()).allMatch(GradeView.Check::passed);
        assertThat(stored.submission).as("stored by reference").isNull();
        assertThat(stored.submissionText(dataSource)).contains("editor-1.yaml", "targetPort: 5678");
    }

    /**
     * A long log (console lines, failed writes, applies, a failed apply), checked on the cached cluster with the
     * session kept beside it: the grade and the stored submission are what grading the copied submission gives (the
     * check before issue 17 stored that copy and graded it so), and the attempt stores a few bytes, not the log.
     */
    @Test
    void aLongLogsCheckGivesTheGradeAndTheSubmissionOfItsWholeLog() throws Exception {
        Workspace w = workspaces.resetLab(me, lab);
        List<LogEntry> log = longLog(300);
        log.forEach(e -> workspaces.run(w, e));
        Map<String, String> answers = Map.of("b-question", "the \"api\" Service", "a-question", "port 5678 é");

        LabAttempt a = workspaces.check(w, me, answers);

        Submission copied = WorkspaceReplay.submission(log).withAnswers(answers);
        LabAttempt stored = QuarkusTransaction.requiringNew().call(() -> LabAttempt.<LabAttempt>findById(a.id));
        assertThat(stored.submissionText(dataSource)).isEqualTo(GradeJson.submission(copied));
        assertThat(stored.result).isEqualTo(GradeJson.write(GradeJson.of(lab, Grader.grade(lab, copied))));
        assertThat(stored.score).isEqualTo(7);
        assertThat(GradeJson.view(stored.result).errors()).hasSizeGreaterThan(20)
                .anySatisfy(e -> assertThat(e).startsWith("editor-1.yaml: "));
        assertThat(stored.submission).isNull();
        assertThat(stored.logLength).isEqualTo(log.size());
        assertThat(stored.answers.length()).as("the answers, not the log").isLessThan(300);
    }

    /**
     * The session kept beside the cached cluster, appended as each entry ran, is the one read back from what the log
     * recorded: a check on the cached cluster and one after a miss (which reads it from the log) grade alike.
     */
    @Test
    void theSessionKeptWithTheClusterIsTheLogsAndAMissGradesTheSame() {
        Workspace w = workspaces.resetLab(me, lab);
        List<LogEntry> log = longLog(40);
        log.forEach(e -> workspaces.run(w, e));

        ClusterCache.Taken kept = cache.lend(new ClusterCache.Key(w.id, log.size())).orElseThrow();
        cache.put(kept.key(), kept.shell(), kept.session());
        assertThat(kept.session().kind()).isEqualTo(RecordedSession.Kind.STEPS);
        assertThat(kept.session().steps()).isEqualTo(RecordedSession.of(WorkspaceLog.recorded(dataSource, w.id,
                log.size())).steps());
        assertThat(kept.session().bytes()).isGreaterThan(40 * RecordedSession.BYTES_PER_STEP);
        LabAttempt cached = workspaces.check(w, me);
        cache.evict(w.id);

        LabAttempt afterMiss = workspaces.check(w, me);

        assertThat(afterMiss.result).isEqualTo(cached.result);
        assertThat(afterMiss.submissionText(dataSource)).isEqualTo(cached.submissionText(dataSource))
                .isEqualTo(GradeJson.submission(WorkspaceReplay.submission(log)));
        ClusterCache.Taken rebuilt = cache.lend(new ClusterCache.Key(w.id, log.size())).orElseThrow();
        cache.put(rebuilt.key(), rebuilt.shell(), rebuilt.session());
        assertThat(rebuilt.session().steps()).as("read from the log once, then kept with the cluster")
                .isEqualTo(kept.session().steps());
    }

    /** A pasted script (several lines) is graded by replaying the log, as before, and stored by reference too. */
    @Test
    void aPastedScriptIsGradedByReplayingTheLog() {
        Workspace w = workspaces.resetLab(me, lab);
        List<LogEntry> log = new ArrayList<>(WorkspaceReplayTest.LOG);
        log.add(LogEntry.command("kubectl get svc\nkubectl get pods"));
        log.forEach(e -> workspaces.run(w, e));

        LabAttempt a = workspaces.check(w, me);

        Submission copied = WorkspaceReplay.submission(log);
        assertThat(a.submissionText(dataSource)).isEqualTo(GradeJson.submission(copied));
        assertThat(a.result).isEqualTo(GradeJson.write(GradeJson.of(lab, Grader.grade(lab, copied))));
        ClusterCache.Taken kept = cache.lend(new ClusterCache.Key(w.id, log.size())).orElseThrow();
        cache.put(kept.key(), kept.shell(), kept.session());
        assertThat(kept.session().kind()).isEqualTo(RecordedSession.Kind.REPLAYED);
    }

    /** Console lines (some failing writes) and applies (one failing), {@code size} entries, ending at full marks. */
    private static List<LogEntry> longLog(int size) {
        List<LogEntry> log = new ArrayList<>();
        log.add(LogEntry.command("kubectl delete svc nope"));
        log.add(LogEntry.manifests("kind: [\n"));
        while (log.size() < size - WorkspaceReplayTest.LOG.size()) {
            log.add(LogEntry.command(log.size() % 3 == 0 ? "kubectl scale deployment nope --replicas=2"
                    : "kubectl get svc api -o wide"));
        }
        log.addAll(WorkspaceReplayTest.LOG);
        return log;
    }

    @Test
    void checkingAfterAMissRestoresTheClusterAndGradesItWithoutReplayingTheLog() {
        Workspace w = workspaces.resetLab(me, lab);
        List<LogEntry> log = new ArrayList<>(WorkspaceReplayTest.LOG);
        while (log.size() < WorkspaceSnapshots.DEFAULT_EVERY + 1) {
            log.add(LogEntry.command("kubectl get svc"));
        }
        log.forEach(e -> workspaces.run(w, e));
        long replays = registry.timer("minicluster.workspace.replay").count();
        long restores = registry.timer("minicluster.workspace.restore").count();
        String before = workspaces.view(w, s -> Topology.of(s.cluster()).text());
        cache.evict(w.id);

        LabAttempt a = workspaces.check(w, me);

        LabAttempt stored = QuarkusTransaction.requiringNew().call(() -> LabAttempt.<LabAttempt>findById(a.id));
        assertThat(stored.score).isEqualTo(7);
        assertThat(stored.submissionText(dataSource)).contains("editor-1.yaml", "targetPort: 5678",
                "kubectl get svc");
        assertThat(registry.timer("minicluster.workspace.replay").count()).isEqualTo(replays);
        assertThat(registry.timer("minicluster.workspace.restore").count()).isEqualTo(restores + 1);
        String after = workspaces.view(w, s -> Topology.of(s.cluster()).text());
        assertThat(after).as("the grade's probes leave the learner's cluster as it was").isEqualTo(before);
    }

    @Test
    void aPublishedVersionIsParsedOnceAndANewerPublishIsSeenAtOnce() {
        String id = "catalog-cache-" + Long.toString(System.currentTimeMillis(), 36);
        String v1 = BuiltInLabs.text(LabWorkspaceResourceTest.LAB).orElseThrow()
                .replace("id: " + LabWorkspaceResourceTest.LAB, "id: " + id);
        publish(id, 1, v1);
        Lab first = catalog.current(id).orElseThrow();
        Lab again = catalog.current(id).orElseThrow();

        publish(id, 2, v1.replaceFirst("(?m)^version: 1$", "version: 2"));
        Lab newer = catalog.current(id).orElseThrow();

        assertThat(again).isSameAs(first);
        assertThat(first.version()).isEqualTo(1);
        assertThat(newer.version()).isEqualTo(2);
        assertThat(catalog.version(id, 1).orElseThrow()).isSameAs(first);
    }

    private static void publish(String labId, int version, String yaml) {
        QuarkusTransaction.requiringNew().run(() -> LabAttempt.getEntityManager().createNativeQuery("""
                        INSERT INTO lab_version (lab_id, version, yaml, title, published) VALUES (?1, ?2, ?3, 'cache', true)""")
                .setParameter(1, labId).setParameter(2, version).setParameter(3, yaml).executeUpdate());
    }
}
