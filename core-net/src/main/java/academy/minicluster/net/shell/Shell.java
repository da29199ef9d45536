package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.api.ApiServer;
import academy.minicluster.net.api.Budget;
import academy.minicluster.net.api.BudgetExceeded;
import academy.minicluster.net.api.ClusterLimits;
import academy.minicluster.net.api.StateReader;
import academy.minicluster.net.api.StateWriter;
import academy.minicluster.net.trace.Hop;
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
    /** The workstation shell's variables, kept from one command line to the next as a terminal's session keeps them. */
    private final Map<String, String> variables = new LinkedHashMap<>(Map.of("HOME", "/home/learner",
            "PATH", "/usr/local/bin:/usr/bin:/bin", "PWD", "/home/learner", "SHELL", "/bin/bash", "USER", "learner"));
    private final java.util.Set<String> exported = new java.util.LinkedHashSet<>(variables.keySet());

    public Shell(Cluster cluster, Terminal terminal) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.kubectl = new Kubectl(cluster, terminal, files, this::attach);
    }

    /** A shell on {@code cluster}, whose commands run over the cluster's own data plane. */
    public static Shell open(Cluster cluster) {
        return new Shell(cluster, new ClusterTerminal(cluster.dataPlane(), cluster.clock(), cluster.budget()));
    }

    public Cluster cluster() {
        return cluster;
    }

    /**
     * This shell's state and its cluster's, as bytes: the cluster ({@link Cluster#writeState}), the session's
     * spending against its limits, the workstation's files and variables, and whether the budget stopped it.
     * {@link #restore} gives a shell that answers every later command exactly as this one would, so a server can
     * keep a learner's session as bytes and go on from there instead of replaying every command.
     */
    public byte[] saveState() {
        StateWriter out = new StateWriter();
        cluster.writeState(out);
        cluster.budget().writeState(out);
        out.writeStringMap(files);
        out.writeStringMap(variables);
        out.writeStrings(exported);
        out.writeBoolean(stopped);
        // The shell in a pod the terminal is attached to (kubectl exec -it), with its variables.
        out.writeBoolean(session != null);
        if (session != null) {
            out.writeString(session.namespace());
            out.writeString(session.pod());
            out.writeString(session.container());
            out.writeString(session.shell());
            out.writeString(session.afterExit().name());
            out.writeStringMap(sessionVariables);
            out.writeStrings(sessionExported);
        }
        return out.toByteArray();
    }

    /**
     * The shell {@link #saveState} wrote, on a cluster held to {@code limits}.
     *
     * @throws IllegalArgumentException when the bytes are not a shell's state of this format
     */
    public static Shell restore(byte[] state, ClusterLimits limits) {
        return restore(state, limits, null);
    }

    /**
     * The shell {@link #saveState} wrote, sharing what its cluster holds as {@code base} holds it (see
     * {@link Cluster#restore(StateReader, ClusterLimits, Cluster.Snapshot)}; null: the bootstrapped cluster).
     */
    public static Shell restore(byte[] state, ClusterLimits limits, Cluster.Snapshot base) {
        StateReader in = new StateReader(state);
        Shell shell = open(Cluster.restore(in, limits, base));
        shell.cluster.budget().readState(in);
        in.readStringMap(shell.files);
        shell.variables.clear();
        in.readStringMap(shell.variables);
        shell.exported.clear();
        in.readStrings(shell.exported);
        shell.stopped = in.readBoolean();
        if (in.readBoolean()) {
            shell.session = new PodSession(in.readString(), in.readString(), in.readString(), in.readString(),
                    PodSession.AfterExit.valueOf(in.readString()));
            in.readStringMap(shell.sessionVariables);
            in.readStrings(shell.sessionExported);
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("malformed cluster state: bytes after its end");
        }
        return shell;
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
        } catch (ShInterpreter.Stopped e) {
            // A loop ran into the budget: what it printed until then stays on the terminal, then the limit's message.
            stopped = true;
            ShellResult partial = e.partial;
            if (e.cause.limit() == ClusterLimits.Limit.MAX_OUTPUT_BYTES) {
                ShellResult cut = withinOutputBudget(partial, budget);
                stopped = true;
                return new ShellResult(cut.command(), BudgetExceeded.EXIT_CODE, cut.stdout(), cut.stderr(),
                        cut.trace(), cut.observations());
            }
            String stderr = partial.stderr() + (partial.stderr().isEmpty() || partial.stderr().endsWith("\n") ? "" : "\n")
                    + e.getMessage() + "\n";
            ShellResult r = withinOutputBudget(new ShellResult(partial.command(), BudgetExceeded.EXIT_CODE,
                    partial.stdout(), stderr, partial.trace(), partial.observations()), budget);
            stopped = true;
            return r;
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
        if (session != null) {
            return inSession(line);
        }
        return new ShInterpreter(new Workstation(line), cluster.budget(), variables, exported).run(line, stdin, line);
    }

    /**
     * kubectl attached the terminal to a shell in a pod: the next lines run there. The rest of the line that started
     * it still runs at the workstation, as a terminal's would before the shell read its first line.
     */
    private void attach(PodSession started) {
        session = started;
        sessionVariables.clear();
        sessionExported.clear();
    }

    // ---- an interactive shell in a pod (kubectl exec -it POD -- sh, kubectl run -it --rm ...) ---------------------

    /** The shell in a pod that the terminal is attached to; null at the workstation's prompt. */
    private PodSession session;
    /** That shell's variables and exports, kept from line to line as its process keeps them. */
    private final Map<String, String> sessionVariables = new LinkedHashMap<>();
    private final java.util.Set<String> sessionExported = new java.util.LinkedHashSet<>();

    /**
     * What the terminal shows before the next line: {@code $ } at the workstation; inside a pod, the shell's own
     * prompt as the image's shell prints it for root in {@code /}: busybox and Alpine's ash {@code / # }, Debian's
     * bash {@code root@POD:/# }, dash {@code # }, zsh {@code POD# }.
     */
    public String prompt() {
        if (session == null) {
            return "$ ";
        }
        String base = session.shell().substring(session.shell().lastIndexOf('/') + 1);
        String hostname = cluster.store().getForReading(io.fabric8.kubernetes.api.model.Pod.class, "Pod",
                session.namespace(), session.pod()).map(p -> p.getSpec().getHostname() != null
                ? p.getSpec().getHostname() : session.pod()).orElse(session.pod());
        return switch (base) {
            case "bash" -> "root@" + hostname + ":/# ";
            case "zsh" -> hostname + "# ";
            case "dash" -> "# ";
            default -> podHas("dash") && !podHas("busybox") ? "# " : "/ # ";
        };
    }

    /** The pod and container the terminal is in, as {@code namespace/pod/container}; empty at the workstation. */
    public java.util.Optional<String> inPod() {
        return session == null ? java.util.Optional.empty()
                : java.util.Optional.of(session.namespace() + "/" + session.pod() + "/" + session.container());
    }

    private boolean podHas(String executable) {
        return cluster.store().getForReading(io.fabric8.kubernetes.api.model.Pod.class, "Pod", session.namespace(),
                session.pod()).flatMap(p -> cluster.dataPlane().runtime().container(p, session.container()))
                .map(c -> c.hasExecutable(executable)).orElse(false);
    }

    /**
     * One line typed into the pod's shell: {@code exit [N]} (or {@code logout}) ends the session as kubectl ends it
     * (a non-zero status reported; {@code run --rm} then deletes the pod); anything else runs in the container
     * through its shell, with the container's environment and tools.
     */
    private ShellResult inSession(String line) {
        PodSession s = session;
        var pod = cluster.store().get(io.fabric8.kubernetes.api.model.Pod.class, "Pod", s.namespace(), s.pod());
        List<String> words;
        try {
            words = CommandLine.split(line);
        } catch (CommandLine.SyntaxError e) {
            words = List.of();
        }
        boolean exit = !words.isEmpty() && (words.get(0).equals("exit") || words.get(0).equals("logout"))
                && words.size() <= 2;
        if (pod.isEmpty() || exit) {
            int status = 0;
            if (pod.isEmpty()) {
                status = 137;
            } else if (words.size() == 2) {
                try {
                    status = Integer.parseInt(words.get(1)) & 0xff;
                } catch (NumberFormatException e) {
                    status = 2;
                }
            }
            session = null;
            if (s.afterExit() == PodSession.AfterExit.DELETE_POD) {
                pod.ifPresent(p -> cluster.api().delete("Pod", s.namespace(), s.pod()));
                String stderr = status == 0 ? "" : "pod " + s.namespace() + "/" + s.pod() + " terminated (Error)\n";
                return new ShellResult(line, status, pod.isPresent() ? "pod \"" + s.pod() + "\" deleted\n" : "", stderr,
                        List.of());
            }
            return new ShellResult(line, status, "", status == 0 ? "" : "command terminated with exit code " + status
                    + "\n", List.of());
        }
        if (words.isEmpty() && line.isBlank()) {
            return ShellResult.ok(line, "");
        }
        String base = s.shell().substring(s.shell().lastIndexOf('/') + 1);
        // Lines are run as the image's POSIX sh runs them; zsh and dash sessions type into sh the same way.
        String shell = base.equals("bash") ? s.shell() : base.equals("ash") ? "ash" : "sh";
        return terminal.typedInShell(pod.get(), s.container(), shell, line, sessionVariables, sessionExported);
    }

    /** The learner's prompt as the shell's host: kubectl, the text tools, and the client tools over the network. */
    private final class Workstation implements ShInterpreter.Host {
        private final String line;

        Workstation(String line) {
            this.line = line;
        }

        @Override
        public ShDialect dialect() {
            return ShDialect.BASH_INTERACTIVE;
        }

        @Override
        public boolean has(String command) {
            return true;
        }

        @Override
        public ShellResult run(List<String> words, String stdin, Map<String, String> environment) {
            String program = words.get(0);
            if (program.equals("kubectl") || program.equals("k")) {
                try {
                    return kubectl.run(line, words.subList(1, words.size()), stdin);
                } catch (BudgetExceeded | ShInterpreter.Stopped e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Anything the model did not foresee is reported, never thrown at the learner.
                    return ShellResult.error(line, 1, "error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "\n");
                }
            }
            if (TextFilters.NAMES.contains(program)) {
                var out = TextFilters.run(words, java.util.Objects.requireNonNullElse(stdin, ""), this::readFile).orElseThrow();
                return new ShellResult(line, out.exitCode(), out.stdout(), out.stderr(), List.of());
            }
            if (program.equals("env") || program.equals("printenv")) {
                return Environment.print(line, words, environment);
            }
            return terminal.onWorkstation(words, line, files);
        }

        @Override
        public java.util.Optional<String> readFile(String path) {
            return java.util.Optional.ofNullable(files.get(path.startsWith("./") ? path.substring(2) : path));
        }

        @Override
        public String writeFile(String path, String content, boolean append) {
            String name = path.startsWith("./") ? path.substring(2) : path;
            String before = append ? files.getOrDefault(name, "") : "";
            if (before.length() + content.length() > ShInterpreter.MAX_VALUE_CHARS) {
                return "File too large";
            }
            files.put(name, before + content);
            return null;
        }
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
                // A loop, an if, an open quote or a line ending in \ or && goes on to the next lines, as sh reads them.
                StringBuilder command = new StringBuilder(line);
                while (i + 1 < lines.length && (command.charAt(command.length() - 1) == '\\'
                        || ShInterpreter.incomplete(command.toString()))) {
                    if (command.charAt(command.length() - 1) == '\\') {
                        command.setLength(command.length() - 1);
                        command.append(lines[++i].strip());
                    } else {
                        command.append('\n').append(lines[++i]);
                    }
                }
                line = command.toString();
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
