package academy.minicluster.net.shell;

import academy.minicluster.net.trace.Hop;
import academy.minicluster.net.probe.Observation;
import java.util.List;

/**
 * What one command printed and returned, as a terminal would show it, plus the trace of any packets it sent.
 *
 * @param command  the command line as typed
 * @param exitCode the process exit status ({@code echo $?})
 * @param stdout   standard output
 * @param stderr   standard error
 * @param trace    the hops of every probe the command made, in order (empty for pure API commands)
 * @param observations what the command's client tools saw on the network (DNS answers, connections, HTTP
 *                 exchanges), in order: the values their output was printed from; graders read these, not stdout
 */
public record ShellResult(String command, int exitCode, String stdout, String stderr, List<Hop> trace,
                          List<Observation> observations) {

    public ShellResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        trace = List.copyOf(trace);
        observations = List.copyOf(observations);
    }

    /** A result of a command that sent no packet of its own, or whose observations are not kept. */
    public ShellResult(String command, int exitCode, String stdout, String stderr, List<Hop> trace) {
        this(command, exitCode, stdout, stderr, trace, List.of());
    }

    public static ShellResult ok(String command, String stdout) {
        return new ShellResult(command, 0, stdout, "", List.of());
    }

    public static ShellResult error(String command, int exitCode, String stderr) {
        return new ShellResult(command, exitCode, "", stderr, List.of());
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
