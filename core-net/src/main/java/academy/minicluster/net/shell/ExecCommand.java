package academy.minicluster.net.shell;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Kubectl.UsageError;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code kubectl exec POD|TYPE/NAME [-c C] [-it] -- COMMAND}: a command in a container, or an interactive shell
 * handed to the {@link Shell} (through {@code attach}).
 */
final class ExecCommand {

    private final Cluster cluster;
    private final Terminal terminal;
    private final Consumer<PodSession> attach;

    ExecCommand(KubectlContext context, Consumer<PodSession> attach) {
        this.cluster = context.cluster();
        this.terminal = context.terminal();
        this.attach = attach;
    }

    ShellResult run(String line, Flags f) {
        if (f.positional.isEmpty()) {
            throw new UsageError("error: pod, type/name or --filename must be specified");
        }
        if (f.command.isEmpty()) {
            throw new UsageError("error: you must specify at least one command for the container");
        }
        PodSelection.PodChoice pod = PodSelection.pod(cluster, f, f.positional.get(0));
        PodSelection.ContainerChoice container = PodSelection.container(pod.pod(), f);
        String note = pod.note() + container.note();
        String shell = PodSession.interactiveShell(f.command);
        if (f.has("stdin") && shell != null && PodSession.runningWith(cluster, pod.pod(), container.name(), shell)) {
            // kubectl exec -it POD -- sh: the terminal is now the shell's, until it exits.
            attach.accept(new PodSession(pod.pod().getMetadata().getNamespace(), pod.pod().getMetadata().getName(),
                    container.name(), shell, PodSession.AfterExit.KEEP_POD));
            return new ShellResult(line, 0, "", note, List.of());
        }
        ShellResult r = terminal.exec(pod.pod(), container.name(), f.command, line);
        return note.isEmpty() ? r : new ShellResult(line, r.exitCode(), r.stdout(), note + r.stderr(), r.trace(),
                r.observations());
    }
}
