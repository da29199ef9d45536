package academy.minicluster.web.workspace;

import java.util.List;
import java.util.Optional;

/**
 * What a workspace page shows of the log, and no more: a page costs the same whatever the log's length (a workspace
 * holds up to a thousand entries). Read in one statement ({@link Workspaces#shownLog}).
 *
 * @param length      how many entries the log has: the key of the workspace's cluster in the cache
 * @param commands    the log's last {@link WorkspaceViews#HISTORY_SHOWN} commands, in order: what ↑ and ↓ walk
 * @param lastApplied the last YAML applied, the editor's default; empty when none was applied, or when it was not
 *                    asked for (the editor shows the learner's draft instead)
 * @param lastOutputs what was stored with the log's last {@link WorkspaceViews#TRANSCRIPT_SHOWN} entries, in order
 *                    (a null for an entry stored before outputs were kept): the console's transcript
 */
public record ShownLog(int length, List<String> commands, Optional<String> lastApplied, List<String> lastOutputs) {

    public ShownLog {
        commands = List.copyOf(commands);
        // Unmodifiable but null-friendly: an entry stored before outputs were kept has none.
        lastOutputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lastOutputs));
    }

    /** How many entries came before those the transcript shows. */
    public int earlier() {
        return length - lastOutputs.size();
    }
}
