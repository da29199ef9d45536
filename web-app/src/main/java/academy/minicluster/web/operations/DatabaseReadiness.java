package academy.minicluster.web.operations;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the database, answered within {@code minicluster.database.readiness-timeout} whatever the database
 * does. It replaces the datasource's own check (switched off in application.properties), which waits for its query
 * as long as the driver does: a frozen PostgreSQL (alive, not answering) made {@code /q/health/ready} hang past every
 * probe's timeout instead of saying 503.
 *
 * <p>The probe ({@code SELECT 1} on a pooled connection) runs on a thread of its own; the check waits for it only up
 * to the timeout, then answers DOWN. A probe still waiting for a frozen database is not started again by the next
 * check, which waits on the same one: at most one thread is ever stuck, and only until the driver's socket timeout
 * ends it. The name is the one the datasource's check had, so monitors keyed on it keep working.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "Database connections health check";

    private final AgroalDataSource dataSource;
    private final Duration timeout;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> probe;

    @Inject
    DatabaseReadiness(AgroalDataSource dataSource,
            @ConfigProperty(name = "minicluster.database.readiness-timeout", defaultValue = "2s") Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Void> current = currentProbe();
        try {
            current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.up(NAME);
        } catch (TimeoutException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("reason", "the database did not answer within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return HealthCheckResponse.named(NAME).down().withData("reason", String.valueOf(cause.getMessage()))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(NAME).down().withData("reason", "interrupted").build();
        }
    }

    /** The probe in flight, or a new one when the last has finished. */
    private synchronized CompletableFuture<Void> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.runAsync(this::selectOne, probes);
        }
        return probe;
    }

    private void selectOne() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        probes.shutdownNow();
    }
}
