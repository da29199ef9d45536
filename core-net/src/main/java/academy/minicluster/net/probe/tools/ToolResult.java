package academy.minicluster.net.probe.tools;

import academy.minicluster.net.dataplane.Hop;
import java.util.List;
import java.util.Objects;

/**
 * What a client tool gave back: its exit status, what it wrote to stdout and stderr (byte for byte what the real
 * tool writes, with LF line endings), and the hops of every DNS question and connection it made, in order.
 */
public record ToolResult(int exitCode, String stdout, String stderr, List<Hop> hops) {

    public ToolResult {
        stdout = Objects.requireNonNullElse(stdout, "");
        stderr = Objects.requireNonNullElse(stderr, "");
        hops = List.copyOf(hops);
    }

    public static ToolResult of(int exitCode, String stdout, String stderr) {
        return new ToolResult(exitCode, stdout, stderr, List.of());
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
