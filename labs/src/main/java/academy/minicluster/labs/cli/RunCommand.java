package academy.minicluster.labs.cli;

import academy.minicluster.labs.session.Sessions;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code minicluster run}: a fresh cluster, each {@code -f FILE} applied with {@code kubectl apply -f FILE}, then each
 * command in order. The plain output reads like a terminal session; {@code --json} prints one JSON document with one
 * entry per apply and per command (the contract other tools build on, documented in labs/README.md).
 */
@Command(name = "run", description = "Run commands on a fresh cluster and print what they answered.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE",
            description = "a manifest file, applied with `kubectl apply -f FILE` before the commands (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND", description = "a command line to run (repeatable)")
    List<String> commands = new ArrayList<>();

    @Option(names = "--commands", paramLabel = "FILE",
            description = "a file of commands, one a line; `#` comments and here-documents (<<EOF) allowed")
    Path commandsFile;

    @Option(names = "--json", description = "print one JSON document {\"results\":[...]} instead of a session")
    boolean json;

    @Option(names = "--trace", description = "in the plain output, print each probe's trace under its output")
    boolean trace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String[]> manifests = new ArrayList<>();
        for (Path f : files) {
            manifests.add(new String[] {f.toString(), read(f)});
        }
        String script = commandsFile == null ? null : read(commandsFile);
        Shell shell = Sessions.open(cluster.cluster());

        List<ShellResult> results = new ArrayList<>();
        for (String[] m : manifests) {
            shell.putFile(m[0], m[1]);
            results.add(shell.execute("kubectl apply -f " + quote(m[0])));
        }
        // Once the session's budget stops a command, nothing more is run (the last result says which limit).
        for (String c : commands) {
            if (!shell.stopped()) {
                results.addAll(shell.runScript(c));
            }
        }
        if (script != null && !shell.stopped()) {
            results.addAll(shell.runScript(script));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(results));
        } else {
            for (ShellResult r : results) {
                out.print(Session.render(r, trace));
            }
        }
        out.flush();
        return 0;
    }

    static String json(List<ShellResult> results) throws JsonProcessingException {
        ObjectNode doc = TraceJson.MAPPER.createObjectNode();
        ArrayNode a = doc.putArray("results");
        for (ShellResult r : results) {
            a.add(TraceJson.result(r));
        }
        return TraceJson.MAPPER.writeValueAsString(doc);
    }

    static String read(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new Minicluster.Misuse(f + ": no such file");
        }
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Minicluster.Misuse(f + ": cannot read: " + e.getMessage());
        }
    }

    /** Quotes a path for the shell's command line when it holds anything but plain characters. */
    static String quote(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
