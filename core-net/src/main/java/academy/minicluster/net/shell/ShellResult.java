package academy.minicluster.net.shell;

import academy.minicluster.net.dataplane.Hop;
import java.util.List;

/**
 * What one command printed and returned, as a terminal would show it, plus the trace of any packets it sent.
 *
 * @param command  the command line as typed
 * @param exitCode the process exit status ({@code echo $?})
 * @param stdout   standard output
 * @param stderr   standard error
 * @param trace    the hops of every probe the command made, in order (empty for pure API commands)
 */
public record ShellResult(String command, int exitCode, String stdout, String stderr, List<Hop> trace) {

    public ShellResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        trace = List.copyOf(trace);
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
