package academy.minicluster.net.shell;

import academy.minicluster.net.dataplane.ClusterNetworkView;
import academy.minicluster.net.dataplane.DataPlane;
import academy.minicluster.net.probe.tools.ClientTools;
import academy.minicluster.net.probe.tools.ToolResult;
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

    private final DataPlane plane;
    private final SimulatedClock clock;

    ClusterTerminal(DataPlane plane, SimulatedClock clock) {
        this.plane = plane;
        this.clock = clock;
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
        List<String> command = unwrapShell(argv, view.client().executables());
        if (command == null) {
            return ShellResult.error(commandLine, 2, "sh: syntax error: unterminated quoted string\n"
                    + "command terminated with exit code 2\n");
        }
        if (!command.isEmpty() && (command.get(0).equals("env") || command.get(0).equals("printenv"))
                && view.client().has(command.get(0))) {
            StringBuilder out = new StringBuilder();
            Map<String, String> env = new TreeMap<>(c.get().environment());
            if (command.size() > 1) {
                String value = env.get(command.get(1));
                return value == null ? new ShellResult(commandLine, 1, "", "command terminated with exit code 1\n", List.of())
                        : ShellResult.ok(commandLine, value + "\n");
            }
            env.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            return ShellResult.ok(commandLine, out.toString());
        }
        ToolResult r = new ClientTools(clock.epochSecond()).run(command, view, false);
        String stderr = r.stderr();
        if (mustRun && r.exitCode() != 0 && !stderr.startsWith("error: Internal error occurred")) {
            stderr = stderr + "command terminated with exit code " + r.exitCode() + "\n";
        }
        return new ShellResult(commandLine, r.exitCode(), r.stdout(), stderr, r.hops(), r.observations());
    }

    /** {@code sh -c 'curl -s web'} runs {@code curl -s web}; without a shell in the image it fails as exec does. */
    private static List<String> unwrapShell(List<String> argv, java.util.Set<String> executables) {
        if (argv.size() >= 3 && SHELLS.contains(argv.get(0)) && argv.get(1).equals("-c")) {
            String base = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
            if (!executables.contains(base) && !executables.contains(argv.get(0))) {
                return argv;
            }
            try {
                return CommandLine.split(argv.get(2));
            } catch (CommandLine.SyntaxError e) {
                return null;
            }
        }
        return argv;
    }

    @Override
    public ShellResult onNode(Node node, String image, List<String> argv, String commandLine) {
        ClusterNetworkView view = plane.fromNode(node, image);
        List<String> command = unwrapShell(argv, view.client().executables());
        if (command == null) {
            return ShellResult.error(commandLine, 2, "sh: syntax error: unterminated quoted string\n");
        }
        ToolResult r = new ClientTools(clock.epochSecond()).run(command, view, false);
        return new ShellResult(commandLine, r.exitCode(), r.stdout(), r.stderr(), r.hops(), r.observations());
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
