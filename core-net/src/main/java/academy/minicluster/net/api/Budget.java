package academy.minicluster.net.api;

/**
 * The spending of one session on a cluster against its {@link ClusterLimits}: commands run, and CPU time per
 * command and in all, with a cancellation token that a server sets when its client goes away. The loops that can
 * run long (reconcile rounds, applying documents, scripts, pipelines) call {@link #checkpoint()}, which stops the
 * command with {@link BudgetExceeded} once it is over budget or cancelled.
 *
 * <p>The CPU time is the running thread's, so a command must run on one thread from {@link #startCommand()} to
 * {@link #endCommand()}: the shell does. Only {@link #cancel()} may be called from another thread. The thread's
 * CPU clock is read only when a bound from the wall clock is not enough ({@link ThreadCpuClock}): a command is
 * charged at most a tenth of a millisecond more than it spent, never less.
 */
public final class Budget {

    private final ClusterLimits limits;
    private final long cpuPerCommandNanos;
    private final long cpuPerSessionNanos;
    private volatile boolean cancelled;
    private int commands;
    private long sessionCpuNanos;
    private long outputBytes;
    /**
     * CPU time of the running thread when the command began, or a little before ({@link ThreadCpuClock#atLeast}):
     * what the command is charged from; -1 between commands.
     */
    private long commandStart = -1;
    /** At most what the running command had spent when the thread's CPU clock was last read for it. */
    private long spentAtRead;
    /** {@link System#nanoTime()} at that read, from which the bound on what the command has spent grows. */
    private long wallAtRead;
    private int depth;

    public Budget(ClusterLimits limits) {
        this.limits = limits;
        this.cpuPerCommandNanos = limits.cpuPerCommand().toNanos();
        this.cpuPerSessionNanos = limits.cpuPerSession().toNanos();
    }

    public ClusterLimits limits() {
        return limits;
    }

    /** Writes what this session has spent: commands, CPU time and output (a restored shell goes on from there). */
    public void writeState(StateWriter out) {
        out.writeInt(commands);
        out.writeLong(sessionCpuNanos);
        out.writeLong(outputBytes);
    }

    /** Takes over the spending {@link #writeState} wrote. */
    public void readState(StateReader in) {
        commands = in.readInt();
        sessionCpuNanos = in.readLong();
        outputBytes = in.readLong();
    }

    /** Stops the running command at its next checkpoint, and every later one: the client has gone away. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Commands begun so far in this session. */
    public int commands() {
        return commands;
    }

    /**
     * A command line begins (nested calls, such as a pipeline's commands, count once): refused when the session
     * has run {@code maxCommands} already, has spent its CPU budget, or was cancelled.
     */
    public void startCommand() {
        if (depth++ > 0) {
            return;
        }
        if (cancelled) {
            depth = 0;
            throw new BudgetExceeded(BudgetExceeded.Cause.CANCELLED, limits);
        }
        if (commands >= limits.maxCommands()) {
            depth = 0;
            throw new BudgetExceeded(ClusterLimits.Limit.MAX_COMMANDS, limits);
        }
        if (sessionCpuNanos >= cpuPerSessionNanos) {
            depth = 0;
            throw new BudgetExceeded(ClusterLimits.Limit.CPU_PER_SESSION, limits);
        }
        if (outputBytes >= limits.maxOutputBytes()) {
            depth = 0;
            throw new BudgetExceeded(ClusterLimits.Limit.MAX_OUTPUT_BYTES, limits);
        }
        commands++;
        ThreadCpuClock.Reading start = ThreadCpuClock.current().atLeast();
        commandStart = start.cpu();
        wallAtRead = start.wall();
        spentAtRead = 0;
    }

    /** The command line has ended (however it ended). */
    public void endCommand() {
        if (depth == 0 || --depth > 0) {
            return;
        }
        if (commandStart >= 0) {
            // At most a tenth of a millisecond over what the command spent (ThreadCpuClock), never under it.
            sessionCpuNanos += Math.max(0, ThreadCpuClock.current().atMost() - commandStart);
        }
        commandStart = -1;
    }

    /**
     * Counts {@code bytes} of a command's output against {@code maxOutputBytes} and answers how many of them may be
     * shown: all of them, or what was left of the session's output budget when they cross it.
     */
    public long spendOutput(long bytes) {
        long left = Math.max(0, limits.maxOutputBytes() - outputBytes);
        outputBytes += bytes;
        return Math.min(bytes, left);
    }

    /**
     * One more iteration of a shell loop in the running command line: it counts as a command of its own (so a loop
     * that never ends stops after the session's {@code maxCommands}, the same number for the same script), and
     * checks the CPU budgets.
     */
    public void iteration() {
        if (commands >= limits.maxCommands()) {
            throw new BudgetExceeded(ClusterLimits.Limit.MAX_COMMANDS, limits);
        }
        commands++;
        checkpoint();
    }

    /**
     * Throws {@link BudgetExceeded} when {@code pending} more characters of output, not yet counted by
     * {@link #spendOutput}, would cross the session's output limit: a loop that prints forever stops there. Characters
     * are at most as many as their UTF-8 bytes, so this never stops output that fits.
     */
    public void checkOutput(long pending) {
        if (outputBytes + pending > limits.maxOutputBytes()) {
            throw new BudgetExceeded(ClusterLimits.Limit.MAX_OUTPUT_BYTES, limits);
        }
    }

    /**
     * Throws {@link BudgetExceeded} if the running command is cancelled or over its CPU budgets.
     *
     * <p>Reading the thread's CPU clock is a system call (microseconds on a virtual machine), reading the wall clock
     * is not. One thread's CPU time cannot grow faster than the wall clock, so what the command has spent now is at
     * most what it had at the last read plus the wall time since ({@link ThreadCpuClock#slack}): while that bound
     * leaves the command within both budgets, the CPU clock would say so too and is not read. Once the bound could
     * cross a budget, the clock is read and decides. A command is charged from its start or from a read of the same
     * thread at most {@link ThreadCpuClock#REUSE_NANOS} before it, never later: it is stopped no later than when
     * every checkpoint read the clock, and at most a tenth of a millisecond of CPU earlier.
     */
    public void checkpoint() {
        if (cancelled) {
            throw new BudgetExceeded(BudgetExceeded.Cause.CANCELLED, limits);
        }
        if (commandStart < 0) {
            return;
        }
        long wallSince = System.nanoTime() - wallAtRead;
        if (wallSince >= 0 && withinBudgets(spentAtRead + ThreadCpuClock.slack(wallSince))) {
            return;
        }
        ThreadCpuClock.Reading now = ThreadCpuClock.current().exact();
        wallAtRead = now.wall();
        spentAtRead = now.cpu() - commandStart;
        if (spentAtRead > cpuPerCommandNanos) {
            throw new BudgetExceeded(ClusterLimits.Limit.CPU_PER_COMMAND, limits);
        }
        if (sessionCpuNanos + spentAtRead > cpuPerSessionNanos) {
            throw new BudgetExceeded(ClusterLimits.Limit.CPU_PER_SESSION, limits);
        }
    }

    /** Whether a command that has spent {@code spent} of CPU is within its own budget and the session's. */
    private boolean withinBudgets(long spent) {
        return spent <= cpuPerCommandNanos && sessionCpuNanos + spent <= cpuPerSessionNanos;
    }
}
