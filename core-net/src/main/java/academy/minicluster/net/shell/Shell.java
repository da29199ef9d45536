package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Budget;
import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.dataplane.Hop;
import academy.minicluster.net.probe.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A learner's terminal on the mini-cluster: {@code kubectl ...} goes to kubectl; anything else runs at the
 * workstation's prompt (curl, dig, nc, ...), outside the cluster. Files named by {@code -f} come from the shell's
 * own file table, filled by whoever drives it (the CLI's {@code -f FILE}, the web editor).
 *
 * <p>{@link #runScript(String)} takes several lines, with {@code #} comments and here-documents
 * ({@code kubectl apply -f - <<EOF ... EOF}), as a learner pastes them.
 */
public final class Shell {

    /** Longest command line accepted, as a terminal would take it. */
    public static final int MAX_LINE = 64 * 1024;

    private final Cluster cluster;
    private final Terminal terminal;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Kubectl kubectl;
    /** Whether the last command was stopped by the budget. */
    private boolean stopped;

    public Shell(Cluster cluster, Terminal terminal) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.kubectl = new Kubectl(cluster, terminal, files);
    }

    /** A shell on {@code cluster}, whose commands run over the cluster's own data plane. */
    public static Shell open(Cluster cluster) {
        return new Shell(cluster, new ClusterTerminal(cluster.dataPlane(), cluster.clock()));
    }

    public Cluster cluster() {
        return cluster;
    }

    /** Makes {@code content} readable as {@code name} by {@code kubectl apply -f name}. */
    public void putFile(String name, String content) {
        files.put(name, content);
    }

    /**
     * The web workspace's hook for {@code kubectl edit}: the YAML the command would open in an editor (as
     * {@code kubectl get -o yaml} prints it), or empty when the line is not a {@code kubectl edit} of an existing
     * object. The workspace opens it in its editor and, on save, runs the same line with the buffer as standard
     * input ({@link #execute(String, String)}), which writes it back as kubectl edit does.
     */
    public java.util.Optional<String> editBuffer(String line) {
        try {
            List<String> words = CommandLine.split(line);
            if (words.size() < 2 || !(words.get(0).equals("kubectl") || words.get(0).equals("k"))
                    || !words.get(1).equals("edit")) {
                return java.util.Optional.empty();
            }
            return kubectl.editBuffer(words.subList(2, words.size()));
        } catch (CommandLine.SyntaxError e) {
            return java.util.Optional.empty();
        }
    }

    /** Runs one command line. */
    public ShellResult execute(String line) {
        return execute(line, null);
    }

    /**
     * Runs one command line with {@code stdin} as its standard input (for {@code -f -}), within the session's
     * {@link Budget}: a command past the session's limits, over its CPU time or cancelled is stopped and answered
     * with the limit's message and exit code {@link BudgetExceeded#EXIT_CODE}.
     */
    public ShellResult execute(String line, String stdin) {
        Budget budget = cluster.budget();
        try {
            budget.startCommand();
            try {
                ShellResult r = run(line, stdin);
                stopped = false;
                return withinOutputBudget(r, budget);
            } finally {
                budget.endCommand();
            }
        } catch (BudgetExceeded e) {
            stopped = true;
            return ShellResult.error(line.length() > MAX_LINE ? abbreviate(line) : line, BudgetExceeded.EXIT_CODE,
                    e.getMessage() + "\n");
        }
    }

    /**
     * {@code r}, or, when its output crosses the session's {@code max-output-bytes}, its output cut there (standard
     * output first, then standard error) with the limit's message, exit code {@link BudgetExceeded#EXIT_CODE}, and
     * the session stopped: as a terminal's scrollback ends, the command has run, its effects stay.
     */
    private ShellResult withinOutputBudget(ShellResult r, Budget budget) {
        long out = Utf8.length(r.stdout());
        long err = Utf8.length(r.stderr());
        long shown = budget.spendOutput(out + err);
        if (shown == out + err) {
            return r;
        }
        stopped = true;
        String message = BudgetExceeded.message(ClusterLimits.Limit.MAX_OUTPUT_BYTES, budget.limits());
        String stdout = Utf8.prefix(r.stdout(), Math.min(out, shown));
        String stderr = Utf8.prefix(r.stderr(), Math.max(0, shown - out));
        return new ShellResult(r.command(), BudgetExceeded.EXIT_CODE, stdout,
                stderr + (stderr.isEmpty() || stderr.endsWith("\n") ? "" : "\n") + message + "\n", r.trace(),
                r.observations());
    }

    /**
     * Whether the last command was stopped by the session's budget: a script stops there, and so should whoever
     * feeds this shell more commands.
     */
    public boolean stopped() {
        return stopped;
    }

    /** Every command kubectl knows ({@code get}, {@code apply} ...), as its suggestions and completion offer them. */
    public static java.util.List<String> kubectlCommands() {
        return Kubectl.COMMANDS;
    }

    private ShellResult run(String line, String stdin) {
        if (line.length() > MAX_LINE) {
            return ShellResult.error(abbreviate(line), 2, "bash: command line too long\n");
        }
        List<String> words;
        try {
            List<String> pipeline = CommandLine.pipeline(line);
            if (pipeline.size() > 1) {
                return pipeline(line, pipeline, stdin);
            }
            words = CommandLine.split(line);
        } catch (CommandLine.SyntaxError e) {
            return ShellResult.error(line, 2, "bash: " + e.getMessage() + "\n");
        }
        if (words.isEmpty()) {
            return ShellResult.ok(line, "");
        }
        String program = words.get(0);
        if (program.equals("kubectl") || program.equals("k")) {
            try {
                return kubectl.run(line, words.subList(1, words.size()), stdin);
            } catch (BudgetExceeded e) {
                throw e;
            } catch (RuntimeException e) {
                // Anything the model did not foresee is reported, never thrown at the learner.
                return ShellResult.error(line, 1, "error: " + e.getClass().getSimpleName() + ": " + e.getMessage() + "\n");
            }
        }
        return terminal.onWorkstation(words, line, files);
    }

    /**
     * Runs {@code command} in node {@code nodeName}'s network namespace, as
     * {@code kubectl debug node/NODE -it --image=IMAGE -- COMMAND} runs it, but writes nothing: no debugging pod, no
     * event, no draw from the cluster's random sequence. For graders, whose probes must not change the cluster they
     * look at. {@code line} is the command line the result names.
     */
    public ShellResult onNode(String nodeName, String image, String command, String line) {
        List<String> argv;
        try {
            argv = CommandLine.split(command);
        } catch (CommandLine.SyntaxError e) {
            return ShellResult.error(line, 2, "bash: " + e.getMessage() + "\n");
        }
        var node = cluster.store().getForReading(io.fabric8.kubernetes.api.model.Node.class, "Node", "", nodeName);
        if (node.isEmpty()) {
            return ShellResult.error(line, 1, Kubectl.serverError(ApiServer.notFound("Node", nodeName), null) + "\n");
        }
        return terminal.onNode(node.get(), image, argv, line);
    }

    /**
     * Runs {@code command} in {@code container} of {@code pod} ({@code null}: its first container), as
     * {@code kubectl exec POD -c CONTAINER -- COMMAND} runs it once kubectl has found the pod, without kubectl's
     * parsing and lookups. For graders, which probe many cells; {@code line} is the command line the result names.
     */
    public ShellResult inPod(io.fabric8.kubernetes.api.model.Pod pod, String container, String command, String line) {
        List<String> argv;
        try {
            argv = CommandLine.split(command);
        } catch (CommandLine.SyntaxError e) {
            return ShellResult.error(line, 2, "bash: " + e.getMessage() + "\n");
        }
        String name = container != null ? container : pod.getSpec().getContainers().get(0).getName();
        return terminal.exec(pod, name, argv, line);
    }

    /**
     * {@code A | B | C} on the workstation: each command reads what the one before wrote. The text tools
     * ({@link TextFilters}: grep, head, tail, wc, sort, uniq, cat) run here; any other command runs as a command
     * line of its own with that text as its standard input ({@code ... | kubectl apply -f -}). As in bash without
     * {@code pipefail}, the pipeline's exit code is the last command's; every command's errors reach the terminal,
     * and the traces of all the probes in it are kept, in order.
     */
    private ShellResult pipeline(String line, List<String> commands, String stdin) throws CommandLine.SyntaxError {
        ShellResult first = run(commands.get(0), stdin);
        String out = first.stdout();
        StringBuilder err = new StringBuilder(first.stderr());
        int exitCode = first.exitCode();
        List<Hop> trace = new ArrayList<>(first.trace());
        List<Observation> observations = new ArrayList<>(first.observations());
        for (String command : commands.subList(1, commands.size())) {
            cluster.budget().checkpoint();
            List<String> words = CommandLine.split(command);
            var filtered = TextFilters.NAMES.contains(words.get(0)) ? TextFilters.run(words, out)
                    : java.util.Optional.<TextFilters.Output>empty();
            if (filtered.isPresent()) {
                out = filtered.get().stdout();
                err.append(filtered.get().stderr());
                exitCode = filtered.get().exitCode();
            } else {
                ShellResult r = run(command, out);
                out = r.stdout();
                err.append(r.stderr());
                exitCode = r.exitCode();
                trace.addAll(r.trace());
                observations.addAll(r.observations());
            }
        }
        return new ShellResult(line, exitCode, out, err.toString(), List.copyOf(trace), observations);
    }

    /**
     * Runs several lines in order: blank lines and {@code #} comments are skipped; a here-document feeds the lines up
     * to its marker to the command's standard input, in the forms learners paste: {@code kubectl apply -f - <<EOF},
     * {@code <<'EOF'}, {@code <<-EOF} (leading tabs stripped) and {@code cat <<EOF | kubectl apply -f -}.
     */
    public List<ShellResult> runScript(String script) {
        List<ShellResult> results = new ArrayList<>();
        String[] lines = script.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            HereDocument here = HereDocument.parse(line);
            if (here == null) {
                results.add(execute(line));
                if (stopped) {
                    break;
                }
                continue;
            }
            StringBuilder body = new StringBuilder();
            i++;
            while (i < lines.length) {
                String bodyLine = here.stripTabs() ? lines[i].replaceFirst("^\t+", "") : lines[i];
                if (bodyLine.equals(here.marker()) || lines[i].strip().equals(here.marker())) {
                    break;
                }
                body.append(bodyLine).append('\n');
                i++;
            }
            results.add(execute(here.command(), body.toString()));
            if (stopped) {
                break;
            }
        }
        return results;
    }

    /**
     * A command line with a here-document: the command that reads it ({@code cat <<EOF | cmd} reads it through cat,
     * so {@code cmd} does), its end marker, and whether {@code <<-} strips leading tabs.
     */
    record HereDocument(String command, String marker, boolean stripTabs) {

        static HereDocument parse(String line) {
            int at = line.indexOf("<<");
            if (at < 0 || line.startsWith("<<", at + 2)) {
                return null;
            }
            String before = line.substring(0, at).strip();
            String after = line.substring(at + 2);
            boolean stripTabs = after.startsWith("-");
            if (stripTabs) {
                after = after.substring(1);
            }
            after = after.stripLeading();
            int end = 0;
            while (end < after.length() && !Character.isWhitespace(after.charAt(end)) && after.charAt(end) != '|') {
                end++;
            }
            String marker = after.substring(0, end).replace("'", "").replace("\"", "");
            String rest = after.substring(end).strip();
            if (marker.isEmpty()) {
                return null;
            }
            if (rest.startsWith("|")) {
                // cat <<EOF | kubectl apply -f -: the document reaches the command after the pipe.
                String piped = rest.substring(1).strip();
                return new HereDocument(before.equals("cat") ? piped : before + " | " + piped, marker, stripTabs);
            }
            return new HereDocument((before + " " + rest).strip(), marker, stripTabs);
        }
    }

    private static String abbreviate(String line) {
        return line.substring(0, 80) + "...";
    }
}
