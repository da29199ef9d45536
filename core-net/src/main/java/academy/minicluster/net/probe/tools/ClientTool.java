package academy.minicluster.net.probe.tools;

import academy.minicluster.net.probe.NetworkView;
import java.util.List;

/**
 * One command-line client a learner types (curl, wget, nc, dig, nslookup, agnhost connect, ...), written against
 * what the network does from where it runs, and answering exactly what the real tool prints and returns.
 */
public interface ClientTool {

    /** The command name, as looked up in {@code $PATH}: {@code curl}, {@code dig}, {@code agnhost}. */
    String name();

    /** Runs the tool with {@code argv} ({@code argv[0]} is the command itself) against the network {@code net}. */
    ToolResult run(List<String> argv, NetworkView net);
}
