package academy.minicluster.net.shell;

import academy.minicluster.net.dataplane.ClusterNetworkView;
import academy.minicluster.net.dataplane.DataPlane;
import academy.minicluster.net.probe.tools.ClientTools;
import academy.minicluster.net.probe.tools.ToolResult;
import academy.minicluster.net.api.Budget;
import academy.minicluster.net.api.SimulatedClock;
import academy.minicluster.net.workload.SimulatedContainer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link Terminal} of a mini-cluster: commands run by the client tools over the data plane, from a pod's
 * container, a node, or the workstation. {@code sh -c '...'} runs its one command; {@code env} prints the
 * container's environment.
 */
final class ClusterTerminal implements Terminal {

    private static final List<String> SHELLS = List.of("sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash");
    private static final java.util.Set<String> INTERACTIVE_SHELLS = java.util.Set.of("sh", "ash", "bash", "dash", "zsh");

    private final DataPlane plane;
    private final SimulatedClock clock;
    private final Budget budget;

    ClusterTerminal(DataPlane plane, SimulatedClock clock, Budget budget) {
        this.plane = plane;
        this.clock = clock;
        this.budget = budget;
    }

    @Override
    public ShellResult exec(Pod pod, String container, List<String> argv, String commandLine) {
        return run(pod, container, argv, commandLine, true);
    }

    /** The attached command is the container's main process: it runs even though the container exits after it. */
    @Override
    public ShellResult attach(Pod pod, String container, List<String> argv, String commandLine) {
        return run(pod, container, argv, commandLine, false);
    }

    private ShellResult run(Pod pod, String container, List<String> argv, String commandLine, boolean mustRun) {
        Optional<SimulatedContainer> c = plane.runtime().container(pod, container);
        if (c.isEmpty() || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return ShellResult.error(commandLine, 1, "error: unable to upgrade connection: container not found (\""
                    + container + "\")\n");
        }
        if (mustRun && !c.get().isRunning()) {
            return ShellResult.error(commandLine, 1, "error: Internal error occurred: unable to upgrade connection: "
                    + "container not found (\"" + container + "\")\n");
        }
        ClusterNetworkView view = plane.fromPod(pod, container);
        Map<String, String> environment = new TreeMap<>(c.get().environment());
        ShellResult r = runIn(view, argv, environment, commandLine);
        String stderr = r.stderr();
        if (mustRun && r.exitCode() != 0 && !stderr.startsWith("error: Internal error occurred")) {
            stderr = stderr + "command terminated with exit code " + r.exitCode() + "\n";
        }
        return new ShellResult(commandLine, r.exitCode(), r.stdout(), stderr, r.trace(), r.observations());
    }

    @Override
    public ShellResult typedInShell(Pod pod, String container, String shell, String line, Map<String, String> variables,
                                    java.util.Set<String> exported) {
        Optional<SimulatedContainer> c = plane.runtime().container(pod, container);
        if (c.isEmpty() || !c.get().isRunning() || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return ShellResult.error(line, 137, "");
        }
        if (variables.isEmpty()) {
            // The session's shell starts with the container's environment, all of it exported.
            variables.putAll(new TreeMap<>(c.get().environment()));
            exported.addAll(variables.keySet());
        }
        ContainerHost host = new ContainerHost(plane.fromPod(pod, container), shell, line);
        return new ShInterpreter(host, budget, variables, exported).run(line, "", line);
    }

    /**
     * Runs {@code argv} where {@code view} says: {@code sh -c SCRIPT} (or bash, ash) through the image's shell when it
     * has one ({@link ShInterpreter}, in the shell's dialect), any other command as the container runtime starts it.
     */
    private ShellResult runIn(ClusterNetworkView view, List<String> argv, Map<String, String> environment,
                              String commandLine) {
        ContainerHost host = new ContainerHost(view, argv.isEmpty() ? "sh" : argv.get(0), commandLine);
        if (argv.size() >= 3 && SHELLS.contains(argv.get(0)) && argv.get(1).equals("-c") && host.has(argv.get(0))) {
            return ShInterpreter.withEnvironment(host, budget, environment).run(argv.get(2), "", commandLine);
        }
        if (argv.size() == 1 && INTERACTIVE_SHELLS.contains(argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1))
                && host.has(argv.get(0))) {
            // A shell with nothing on its standard input (exec without -i) reads end-of-file and exits at once.
            return new ShellResult(commandLine, 0, "", "", List.of());
        }
        return host.start(argv, environment);
    }

    /** A container (or a node's debug container) as the host of a shell: its image's tools, seen from its network. */
    private final class ContainerHost implements ShInterpreter.Host {
        private final ClusterNetworkView view;
        private final ShDialect dialect;
        private final String line;
        /** Files the script wrote: they last as long as this exec (the model keeps no container filesystem). */
        private final Map<String, String> written = new java.util.HashMap<>();

        ContainerHost(ClusterNetworkView view, String shell, String line) {
            this.view = view;
            this.line = line;
            String base = shell.substring(shell.lastIndexOf('/') + 1);
            this.dialect = base.equals("bash") ? ShDialect.BASH_C
                    : view.client().has("dash") ? ShDialect.DASH : ShDialect.ASH;
        }

        @Override
        public ShDialect dialect() {
            return dialect;
        }

        @Override
        public boolean has(String command) {
            return view.client().has(command);
        }

        /** A command started without a shell, as the runtime starts it: a missing one is the runtime's error. */
        ShellResult start(List<String> argv, Map<String, String> environment) {
            if (!argv.isEmpty() && (argv.get(0).equals("env") || argv.get(0).equals("printenv"))
                    && view.client().has(argv.get(0))) {
                return Environment.print(line, argv, environment);
            }
            ToolResult r = new ClientTools(clock.epochSecond()).run(argv, view, false);
            return new ShellResult(line, r.exitCode(), r.stdout(), r.stderr(), r.hops(), r.observations());
        }

        @Override
        public ShellResult run(List<String> argv, String stdin, Map<String, String> environment) {
            String program = argv.get(0);
            if (!has(program)) {
                return new ShellResult(line, 127, "", dialect.notFound(program), List.of());
            }
            String base = program.substring(program.lastIndexOf('/') + 1);
            if (TextFilters.NAMES.contains(base)) {
                List<String> words = new java.util.ArrayList<>(argv);
                words.set(0, base);
                var out = TextFilters.run(words, java.util.Objects.requireNonNullElse(stdin, ""), this::readFile).orElseThrow();
                return new ShellResult(line, out.exitCode(), out.stdout(), out.stderr(), List.of());
            }
            if (SHELLS.contains(program) && argv.size() >= 3 && argv.get(1).equals("-c")) {
                return ShInterpreter.withEnvironment(new ContainerHost(view, program, line), budget, environment)
                        .run(argv.get(2), stdin, line);
            }
            return start(argv, environment);
        }

        @Override
        public Optional<String> readFile(String path) {
            if (written.containsKey(path)) {
                return Optional.of(written.get(path));
            }
            return ClientTools.readFile(view.client(), path);
        }

        @Override
        public String writeFile(String path, String content, boolean append) {
            String before = append ? written.getOrDefault(path, "") : "";
            if (before.length() + content.length() > ShInterpreter.MAX_VALUE_CHARS) {
                return "No space left on device";
            }
            written.put(path, before + content);
            return null;
        }
    }

    @Override
    public ShellResult onNode(Node node, String image, List<String> argv, String commandLine) {
        ClusterNetworkView view = plane.fromNode(node, image);
        return runIn(view, argv, Map.of(), commandLine);
    }

    @Override
    public ShellResult onWorkstation(List<String> argv, String commandLine) {
        return onWorkstation(argv, commandLine, Map.of());
    }

    @Override
    public ShellResult onWorkstation(List<String> argv, String commandLine, Map<String, String> files) {
        ToolResult r = new ClientTools(clock.epochSecond(), files).run(argv, plane.fromWorkstation());
        return new ShellResult(commandLine, r.exitCode(), r.stdout(), r.stderr(), r.hops(), r.observations());
    }

    @Override
    public List<String> logs(Pod pod, String container) {
        return plane.runtime().container(pod, container).map(SimulatedContainer::logs).orElse(List.of());
    }

    @Override
    public boolean logEndsMidLine(Pod pod, String container) {
        return plane.runtime().container(pod, container).map(SimulatedContainer::logEndsMidLine).orElse(false);
    }

    @Override
    public void keepOutput(Pod pod, String container, String output) {
        plane.runtime().container(pod, container).ifPresent(c -> c.recordOutput(output));
    }
}
