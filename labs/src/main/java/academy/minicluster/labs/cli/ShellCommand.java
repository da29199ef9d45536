package academy.minicluster.labs.cli;

import academy.minicluster.labs.session.Sessions;
import academy.minicluster.labs.json.TraceJson;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code minicluster shell}: an interactive session on a fresh cluster. Reads command lines from standard input
 * (a terminal or a pipe), with here-documents ({@code kubectl apply -f - <<EOF}), {@code history}, {@code trace}
 * (the last probe's hops) and {@code exit}.
 */
@Command(name = "shell", description = "An interactive session on a fresh cluster (prompt `$ `; `exit` quits).")
final class ShellCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--trace", description = "print each probe's trace after its output")
    boolean trace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input; tests replace it. */
    static InputStream in = System.in;

    @Override
    public Integer call() throws IOException {
        Shell shell = Sessions.open(cluster.cluster());
        PrintWriter out = spec.commandLine().getOut();
        // When input is piped, echo each line after the prompt so the output reads like a session.
        boolean echo = System.console() == null;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> history = new ArrayList<>();
        ShellResult last = null;
        out.println("minicluster: profile " + cluster.profile().name() + ", seed " + cluster.seed
                + ". Type `exit` to quit, `history`, `trace`.");
        while (true) {
            // The shell's prompt: "$ " at the workstation, the pod shell's own after kubectl exec -it POD -- sh.
            out.print(shell.prompt());
            out.flush();
            String line = reader.readLine();
            if (line == null) {
                if (!echo) {
                    out.println();
                }
                break;
            }
            if (echo) {
                out.println(line);
            }
            String command = line.strip();
            if (command.isEmpty() || command.startsWith("#")) {
                continue;
            }
            boolean inPod = shell.inPod().isPresent();
            if (!inPod && (command.equals("exit") || command.equals("quit") || command.equals("logout"))) {
                break;
            }
            history.add(line);
            if (command.equals("history")) {
                for (int i = 0; i < history.size(); i++) {
                    out.printf("%5d  %s%n", i + 1, history.get(i));
                }
                continue;
            }
            if (command.equals("trace")) {
                out.print(last == null || last.trace().isEmpty() ? "no trace: the last command sent no packet\n"
                        : TraceJson.traceText(last.trace()));
                continue;
            }
            ShellResult r;
            int heredoc = command.indexOf("<<");
            if (heredoc >= 0) {
                String marker = command.substring(heredoc + 2).strip().replace("'", "").replace("\"", "")
                        .replaceFirst("^-", "");
                StringBuilder body = new StringBuilder();
                while (true) {
                    if (!echo) {
                        out.print("> ");
                        out.flush();
                    }
                    String more = reader.readLine();
                    if (more == null || more.strip().equals(marker)) {
                        if (echo && more != null) {
                            out.println(more);
                        }
                        break;
                    }
                    if (echo) {
                        out.println(more);
                    }
                    body.append(more).append('\n');
                }
                r = shell.execute(command.substring(0, heredoc).strip(), body.toString());
            } else {
                r = shell.execute(command);
            }
            last = r;
            out.print(Session.output(r));
            if (trace && !r.trace().isEmpty()) {
                out.print("# trace\n" + TraceJson.traceText(r.trace()));
            }
            out.flush();
        }
        out.flush();
        return 0;
    }
}
