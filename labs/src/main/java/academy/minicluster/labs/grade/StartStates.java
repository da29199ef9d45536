package academy.minicluster.labs.grade;

import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.Steps;
import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.SnapshotCache;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import java.util.ArrayList;
import java.util.List;

/**
 * Each lab's starting cluster, built once and then forked for every grading: the start steps are the same for
 * every learner, so running them once per attempt would only repeat the same work with the same result (the
 * cluster is a pure function of profile, seed and steps). Keyed by what the start is made of, not by the lab's id,
 * so an edited draft never gets a stale start.
 *
 * <p>Shared by every thread of a server ({@link SnapshotCache}); the {@value #CAPACITY} most recently used starts
 * are kept.
 */
final class StartStates {

    static final int CAPACITY = 64;

    static final String START_FILE = "start.yaml";

    /** A lab's start: its cluster, and what went wrong building it (a lab the linter would reject). */
    record Start(Cluster.Snapshot snapshot, List<String> errors) {
    }

    private record Key(String profile, long seed, String manifests, String commands) {
    }

    private static final SnapshotCache<Key, Start> STARTS = new SnapshotCache<>(CAPACITY);

    private StartStates() {
    }

    static Start of(Lab lab) {
        Steps steps = lab.start();
        return STARTS.get(new Key(lab.profile(), lab.seed(), steps.manifests(), steps.commands()), () -> build(lab));
    }

    private static Start build(Lab lab) {
        ClusterProfile profile = ClusterProfile.named(lab.profile()).orElseThrow();
        Shell shell = Sessions.open(Cluster.create(profile, lab.seed()));
        List<String> errors = new ArrayList<>();
        Steps start = lab.start();
        if (!start.manifests().isBlank()) {
            Grader.applyManifests(shell, START_FILE, start.manifests(), errors, "lab start: ", null);
        }
        if (!start.commands().isBlank()) {
            Grader.runCommands(shell, start.commands(), errors, "lab start: ", null);
        }
        return new Start(shell.cluster().snapshot(), List.copyOf(errors));
    }
}
