package academy.minicluster.web.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.net.shell.ShellResult;
import academy.minicluster.web.topology.Topology;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
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
        assertThat(stored.submission).contains("editor-1.yaml", "targetPort: 5678");
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
