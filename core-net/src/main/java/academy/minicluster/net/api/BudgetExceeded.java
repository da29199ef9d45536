package academy.minicluster.net.api;

/**
 * A command stopped by its session's {@link Budget}: over a limit, or cancelled because the client went away. The
 * shell answers it with {@link #message()} and exit code {@link #EXIT_CODE}, as GNU {@code timeout} exits.
 */
public final class BudgetExceeded extends RuntimeException {

    /** What {@code timeout(1)} exits with when it stops a command: the shell uses it for every budget. */
    public static final int EXIT_CODE = 124;

    /** Why the command was stopped. */
    public enum Cause { LIMIT, CANCELLED }

    private final Cause why;
    private final ClusterLimits.Limit limit;

    BudgetExceeded(ClusterLimits.Limit limit, ClusterLimits limits) {
        super(message(limit, limits), null, false, false);
        this.why = Cause.LIMIT;
        this.limit = limit;
    }

    BudgetExceeded(Cause cause, ClusterLimits limits) {
        super("minicluster: the command was cancelled: the client went away", null, false, false);
        this.why = cause;
        this.limit = null;
    }

    public Cause reason() {
        return why;
    }

    /** The limit exceeded; null when cancelled. */
    public ClusterLimits.Limit limit() {
        return limit;
    }

    /** What the shell answers for a command stopped by {@code limit}. */
    public static String message(ClusterLimits.Limit limit, ClusterLimits limits) {
        return switch (limit) {
            case MAX_COMMANDS -> "minicluster: this session has run " + limits.maxCommands()
                    + " commands, its limit (" + limit.key() + "): start a new session to run more";
            case CPU_PER_COMMAND -> "minicluster: the command was stopped after " + seconds(limits.cpuPerCommand())
                    + " of CPU time, the limit per command (" + limit.key() + ")";
            case CPU_PER_SESSION -> "minicluster: this session has used " + seconds(limits.cpuPerSession())
                    + " of CPU time, its limit (" + limit.key() + "): start a new session to run more";
            case MAX_OUTPUT_BYTES -> "minicluster: this session has printed " + limits.maxOutputBytes()
                    + " bytes, its limit (" + limit.key() + "): start a new session to run more";
            default -> "minicluster: over the limit " + limit.key();
        };
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
