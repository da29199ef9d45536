package academy.minicluster.net.probe.tools;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.Observation;
import java.util.List;
import java.util.Objects;

/**
 * What a client tool gave back: its exit status, what it wrote to stdout and stderr (byte for byte what the real
 * tool writes, with LF line endings), the hops of every DNS question and connection it made, in order, and what
 * it observed ({@link Observation}s: the values its output was printed from).
 */
public record ToolResult(int exitCode, String stdout, String stderr, List<Hop> hops, List<Observation> observations) {

    public ToolResult {
        stdout = Objects.requireNonNullElse(stdout, "");
        stderr = Objects.requireNonNullElse(stderr, "");
        hops = List.copyOf(hops);
        observations = List.copyOf(observations);
    }

    /** A result before its observations are attached (by {@link ClientTools}, which watched the network). */
    public ToolResult(int exitCode, String stdout, String stderr, List<Hop> hops) {
        this(exitCode, stdout, stderr, hops, List.of());
    }

    ToolResult observed(List<Observation> seen) {
        return new ToolResult(exitCode, stdout, stderr, hops, seen);
    }

    public static ToolResult of(int exitCode, String stdout, String stderr) {
        return new ToolResult(exitCode, stdout, stderr, List.of());
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
