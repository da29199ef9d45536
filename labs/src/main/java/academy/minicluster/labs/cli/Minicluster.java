package academy.minicluster.labs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code minicluster}: the mini-cluster from a terminal. Subcommands run commands on a fresh cluster, open an
 * interactive shell, and list, grade and lint labs.
 *
 * <p>Exit status: 0 when the tool did its job (a command's own failure is reported in its output), 1 when a
 * {@code grade} or {@code lint} finds the work or the lab wanting, 2 on misuse (an unknown option, profile, lab or
 * file), with a one-line error on standard error.
 */
@Command(name = "minicluster", mixinStandardHelpOptions = true, version = "minicluster 0.1.0",
        description = "A Kubernetes networking mini-cluster in the JVM: run kubectl, curl, dig and nc against it, "
                + "and grade labs.",
        subcommands = {RunCommand.class, ShellCommand.class, ProfilesCommand.class, LabsCommand.class,
                GradeCommand.class, LintCommand.class, CommandLine.HelpCommand.class})
public final class Minicluster implements Runnable {

    /** Exit status for a mistake in how the tool was called. */
    public static final int MISUSE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the tool with the given output streams and returns its exit status (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Minicluster());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof Misuse m) {
                commandLine.getErr().println("minicluster: error: " + m.getMessage());
                commandLine.getErr().flush();
                return MISUSE;
            }
            throw ex;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** A mistake in how the tool was called: reported as one line on standard error, exit status 2. */
    static final class Misuse extends RuntimeException {
        Misuse(String message) {
            super(message, null, false, false);
        }
    }
}
