package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.session.Sessions;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a workspace's cluster from nothing: a fresh mini-cluster of the profile and seed, the lab's start state
 * (built exactly as the grader builds it, so what the learner sees is what gets graded), then the log, in order.
 * The mini-cluster is deterministic, so the same log always gives the same cluster and the same outputs.
 */
public final class WorkspaceReplay {

    /** How an editor's YAML is applied: as kubectl would read it from standard input. */
    public static final String APPLY_STDIN = "kubectl apply -f -";

    private WorkspaceReplay() {
    }

    /** The starting cluster of a lab (its start steps applied), or of a playground when {@code lab} is null. */
    public static Shell start(Lab lab, String profile, long seed) {
        return start(lab, profile, seed, ClusterLimits.DEFAULTS);
    }

    /** The starting cluster (see {@link #start(Lab, String, long)}), held to {@code limits}. */
    public static Shell start(Lab lab, String profile, long seed, ClusterLimits limits) {
        if (lab != null) {
            return Grader.prepare(lab, Submission.EMPTY, limits);
        }
        ClusterProfile p = ClusterProfile.named(profile)
                .orElseThrow(() -> new IllegalArgumentException("unknown profile \"" + profile + "\""));
        return Sessions.open(p, seed, limits);
    }

    /** Runs one log entry on {@code shell}. */
    public static ShellResult run(Shell shell, LogEntry entry) {
        return switch (entry.kind()) {
            case COMMAND -> shell.execute(entry.text());
            case MANIFESTS -> shell.execute(APPLY_STDIN, entry.text());
        };
    }

    /**
     * Replays {@code log} on {@code shell}, returning every entry's result in order. The replay spends the same
     * budget as the commands did when typed, so a log that went over a limit stops at the same entry: after a
     * restart a stored log costs no more than it did.
     */
    public static List<ShellResult> replay(Shell shell, List<LogEntry> log) {
        List<ShellResult> results = new ArrayList<>(log.size());
        for (LogEntry e : log) {
            results.add(run(shell, e));
        }
        return results;
    }

    /**
     * The log as {@link Grader#gradeSession} takes it: each entry as the part of {@link #submission} it belongs to
     * (editor applies named {@code editor-N.yaml}, console lines {@code console.sh}), with how it ended. Empty when
     * an entry has no exit code (stored before they were kept) or a console entry is not one line (a pasted script
     * is read line by line by the grader, which this session cannot tell from what was stored). See
     * {@link RecordedSession}, which keeps it beside a cached cluster.
     */
    static Optional<List<Grader.Ran>> session(List<WorkspaceLog.Recorded> log) {
        return RecordedSession.of(log).steps();
    }

    /**
     * The log as the grader takes it: consecutive console commands as one transcript part, each editor apply as a
     * manifests part, in the order they were done.
     */
    public static Submission submission(List<LogEntry> log) {
        List<Submission.Part> parts = new ArrayList<>();
        StringBuilder commands = new StringBuilder();
        int applied = 0;
        for (LogEntry e : log) {
            if (e.kind() == LogEntry.Kind.COMMAND) {
                commands.append(e.text()).append('\n');
            } else {
                if (commands.length() > 0) {
                    parts.add(new Submission.Commands("console.sh", commands.toString()));
                    commands.setLength(0);
                }
                applied++;
                parts.add(new Submission.Manifests("editor-" + applied + ".yaml", e.text()));
            }
        }
        if (commands.length() > 0) {
            parts.add(new Submission.Commands("console.sh", commands.toString()));
        }
        return new Submission(parts);
    }
}
