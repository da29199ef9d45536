package academy.minicluster.web.workspace;

import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console shows of one log entry: the command, what it wrote, and its trace's lines. Kept with the entry
 * ({@code workspace_entry.output}, as JSON) when the entry is run, so a reload shows the transcript from what is
 * stored instead of replaying the log; the console's live answer is drawn from the same value, so the two look
 * alike byte for byte.
 *
 * @param command the command line as the shell ran it ({@code kubectl apply -f -} for the editor's YAML)
 * @param stdout  what it wrote on standard output
 * @param stderr  what it wrote on standard error
 * @param trace    the probe's hops, one line each ({@link HopView#text()}), empty when it sent no packet
 * @param exitCode how it ended; null for an entry stored before exit codes were kept (its grading replays the log,
 *                 see {@link Workspaces#check})
 */
public record ConsoleEntry(String command, String stdout, String stderr, List<String> trace, Integer exitCode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConsoleEntry {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        trace = List.copyOf(trace);
    }

    /** What the console shows of {@code result}. */
    public static ConsoleEntry of(ShellResult result) {
        return new ConsoleEntry(result.command(), result.stdout(), result.stderr(),
                WorkspaceViews.hops(result).stream().map(HopView::text).toList(), result.exitCode());
    }

    /** The trace as the page's text block shows it: one line per hop, each ending in a newline. */
    public String traceText() {
        StringBuilder text = new StringBuilder();
        trace.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The JSON kept in {@code workspace_entry.output}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Read back from {@code workspace_entry.output}; empty when there is none (an entry stored before the column
     * existed) or it does not read.
     */
    public static Optional<ConsoleEntry> fromJson(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, ConsoleEntry.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
