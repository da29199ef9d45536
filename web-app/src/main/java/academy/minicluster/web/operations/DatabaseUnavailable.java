package academy.minicluster.web.operations;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a failure caused by the database being unreachable (stopped, restarting, network gone) from any other.
 *
 * <p>Such a failure is not the app's fault and not the request's: the answer is {@code 503 Service Unavailable}
 * with {@code Retry-After}, so a load balancer or a client retries, never a {@code 500}. Recognised, anywhere in the
 * cause chain: an {@link SQLException} whose SQLState is of class {@code 08} (connection exception) or {@code 57P}
 * (operator intervention: {@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect
 * now, i.e. starting up or shutting down), {@code 57014} (the statement timeout ended a query: the database is too
 * slow or overloaded for the moment), and the connection pool's acquisition timeout, which has no SQLState. A
 * frozen database ends as {@code 08006} when the driver's socket timeout closes the connection.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying: about one PostgreSQL restart. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** PostgreSQL's {@code query_canceled}: here, the server's {@code statement_timeout} ended the query. */
    static final String STATEMENT_TIMEOUT = "57014";

    /** PostgreSQL's JDBC driver, whose {@code connect} opens every connection of the pool. */
    private static final String DRIVER = "org.postgresql.Driver";

    /** What the user reads. */
    public static final String MESSAGE = "The database is unavailable for a moment. Please try again in a few seconds.";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P")
                        || state.equals(STATEMENT_TIMEOUT))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                if (message.contains("Acquisition timeout") || thrownOpeningAConnection(sql)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} came out of the driver while it opened a connection: the database could not be
     * reached, whatever SQLState the driver chose. Most such failures say {@code 08001}, but pgjdbc wraps anything
     * unexpected in its connect thread (seen with a frozen database under load) as {@code 99999} "Something unusual has
     * occurred to cause the driver to fail", which would otherwise be a 500.
     */
    private static boolean thrownOpeningAConnection(SQLException failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals(DRIVER) && frame.getMethodName().equals("connect")) {
                return true;
            }
        }
        return false;
    }

}
