package academy.minicluster.web.operations;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrations run without the request timeouts. Every connection is opened with a statement timeout and a socket
 * timeout (application.properties, "Database") so that no request waits long on a slow or frozen database; a
 * migration that rewrites a large table legitimately takes longer, and would otherwise fail the start. Before
 * migrating, the migration's connection gets neither; afterwards (success or failure) it gets its defaults back, as
 * it returns to the pool.
 */
@Singleton
public class MigrationTimeouts implements FlywayConfigurationCustomizer {

    /** The executor pgjdbc asks for with a network timeout; it runs the abort on the calling thread. */
    private static final Executor DIRECT = Runnable::run;

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new Lift());
    }

    static final class Lift implements Callback {

        private int socketTimeoutMillis;

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE
                    || event == Event.AFTER_MIGRATE_ERROR;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            Connection connection = context.getConnection();
            try (Statement statement = connection.createStatement()) {
                if (event == Event.BEFORE_MIGRATE) {
                    socketTimeoutMillis = connection.getNetworkTimeout();
                    connection.setNetworkTimeout(DIRECT, 0);
                    statement.execute("SET statement_timeout = 0");
                } else {
                    // RESET: back to what the connection was opened with (the "options" of its startup packet).
                    statement.execute("RESET statement_timeout");
                    connection.setNetworkTimeout(DIRECT, socketTimeoutMillis);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not set the migration's timeouts: " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "minicluster-migration-timeouts";
        }
    }
}
