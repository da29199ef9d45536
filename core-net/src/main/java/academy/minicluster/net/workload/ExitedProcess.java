package academy.minicluster.net.workload;

import java.util.List;

/**
 * A process that ended, or never started: a shell with nothing to do, a one-shot {@code curl}, a server refusing its
 * flags, a command not in {@code $PATH}.
 *
 * @param terminated the exit code and reason
 * @param log        what it printed before it ended
 */
record ExitedProcess(ContainerState.Terminated terminated, List<String> log) implements Process {

    ExitedProcess {
        log = List.copyOf(log);
    }

    static ExitedProcess exited(int exitCode, String... lines) {
        return new ExitedProcess(ContainerState.Terminated.exited(exitCode,
                lines.length == 0 ? "" : lines[lines.length - 1]), List.of(lines));
    }

    static ExitedProcess notFound(String executable) {
        return new ExitedProcess(ContainerState.Terminated.notFoundInPath(executable), List.of());
    }

    @Override
    public List<Listener> listeners() {
        return List.of();
    }

    @Override
    public List<String> startupLog(ProcessContext context) {
        return log;
    }

    @Override
    public ContainerState state() {
        return terminated;
    }
}
