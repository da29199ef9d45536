package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.Grader;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.net.shell.ShellResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A workspace's log as "Check my work" grades it ({@link Grader#gradeSession}): each entry's part, exit code and
 * failed standard error, kept beside the workspace's cached cluster ({@link ClusterCache}) and appended as each entry
 * runs, so a check on a cached cluster reads nothing of the log (its cost does not grow with the log's length). On a
 * miss (another server, an eviction, a restart) it is {@link #UNKNOWN} and the check rebuilds it once from what the
 * log recorded ({@link #of}); the two ways give equal steps ({@code RecordedSessionTest}).
 *
 * <p>What it keeps is bounded and weighed in the cache ({@link #bytes}): a console line's text (the grader's
 * transcript reads it) and a failed entry's standard error (its errors quote it); of an editor apply only its name,
 * {@code editor-N.yaml}, since the grader takes an apply by the cluster it left and the errors it recorded, never by
 * its text again (so a long YAML is not held twice in memory). A log holds at most
 * {@code minicluster.workspace.max-entries} entries, each at most {@link Workspaces#MAX_ENTRY} characters.
 *
 * <p>A session that is {@link Kind#STEPS} is changed in place by {@link #plus}: it travels with its cluster, which is
 * lent to one request at a time ({@link ClusterCache#lend}), never shared.
 */
final class RecordedSession {

    /** What is known of the log. */
    enum Kind {
        /** Every entry's step, in order: a check grades them on the cluster. */
        STEPS,
        /** Not read yet on this server (a cluster restored or replayed): a check rebuilds it from the log. */
        UNKNOWN,
        /**
         * An entry is not one console line (a pasted script, a here-document), which the grader reads line by line
         * and a session cannot tell apart: a check grades such a log by replaying its submission, as it always did.
         */
        REPLAYED
    }

    /** No session known: see {@link Kind#UNKNOWN}. */
    static final RecordedSession UNKNOWN = new RecordedSession(Kind.UNKNOWN, 0);

    /** What one step retains beyond its strings' characters: the record, its part, the strings' headers, a slot. */
    static final long BYTES_PER_STEP = 112;

    private final Kind kind;
    private final List<Grader.Ran> steps;
    private int length;
    private int applied;
    private long bytes;

    private RecordedSession(Kind kind, int length) {
        this.kind = kind;
        this.length = length;
        this.steps = kind == Kind.STEPS ? new ArrayList<>() : List.of();
    }

    /** The session of an empty log. */
    static RecordedSession empty() {
        return new RecordedSession(Kind.STEPS, 0);
    }

    /** The session of {@code log} as it was recorded (see {@link WorkspaceLog#recorded}). */
    static RecordedSession of(List<WorkspaceLog.Recorded> log) {
        RecordedSession s = empty();
        for (WorkspaceLog.Recorded r : log) {
            if (r.exitCode() == null) {
                // An entry stored before exit codes were kept: its session cannot be told, the log is replayed.
                return new RecordedSession(Kind.REPLAYED, log.size());
            }
            s = s.plus(r.entry(), r.exitCode(), r.failedStderr() == null ? "" : r.failedStderr());
        }
        return s;
    }

    /** This session with {@code entry}, which just ran with {@code result}, appended. */
    RecordedSession plus(LogEntry entry, ShellResult result) {
        return plus(entry, result.exitCode(), result.exitCode() == 0 ? "" : result.stderr());
    }

    private RecordedSession plus(LogEntry entry, int exitCode, String failedStderr) {
        if (kind == Kind.UNKNOWN) {
            return this;
        }
        if (kind == Kind.REPLAYED) {
            length++;
            return this;
        }
        Submission.Part part;
        if (entry.kind() == LogEntry.Kind.MANIFESTS) {
            applied++;
            part = new Submission.Manifests("editor-" + applied + ".yaml", "");
        } else {
            String text = entry.text();
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.contains("<<")) {
                return new RecordedSession(Kind.REPLAYED, length + 1);
            }
            part = new Submission.Commands("console.sh", text);
        }
        steps.add(new Grader.Ran(part, exitCode, failedStderr));
        length++;
        bytes += BYTES_PER_STEP + part.text().length() + failedStderr.length();
        return this;
    }

    Kind kind() {
        return kind;
    }

    /** How many log entries this session holds (or, replayed, stands for). */
    int length() {
        return length;
    }

    /** The steps to grade, when this session has them ({@link Kind#STEPS}). */
    Optional<List<Grader.Ran>> steps() {
        return kind == Kind.STEPS ? Optional.of(Collections.unmodifiableList(steps)) : Optional.empty();
    }

    /**
     * The heap this session retains, estimated: per step {@link #BYTES_PER_STEP} and a byte per character kept (a
     * command line is Latin-1, stored a byte a character, but for the rare one with other characters, which takes
     * two). Counted in its cluster's weight ({@link ClusterCache}).
     */
    long bytes() {
        return bytes;
    }
}
