package academy.minicluster.web.workspace;

import java.util.Objects;

/**
 * One step of a workspace's log as a value, detached from the database: what {@link WorkspaceReplay} replays.
 *
 * @param kind a console command line, or manifests applied from the editor
 * @param text the command line, or the YAML
 */
public record LogEntry(Kind kind, String text) {

    /** What the learner did. */
    public enum Kind { COMMAND, MANIFESTS }

    public LogEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static LogEntry command(String line) {
        return new LogEntry(Kind.COMMAND, line);
    }

    public static LogEntry manifests(String yaml) {
        return new LogEntry(Kind.MANIFESTS, yaml);
    }
}
