package academy.minicluster.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.smallrye.health.runtime.ShutdownReadinessCheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown as configured: {@code quarkus.shutdown.delay-enabled} makes smallrye-health add the readiness
 * check below, which Quarkus turns DOWN when shutdown begins (before the delay, before requests are refused).
 */
class GracefulShutdownTest {

    @Test
    void theShutdownReadinessCheckIsUpUntilShutdownBeginsThenDown() {
        ShutdownReadinessCheck check = new ShutdownReadinessCheck();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        check.shutdown();

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(check.call().getName()).isEqualTo("Graceful Shutdown");
    }

    @Test
    void theDelayIsEnabledWithADelayAndATimeoutForRequestsInFlight() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }

        assertThat(p.getProperty("quarkus.shutdown.delay-enabled")).isEqualTo("true");
        assertThat(p.getProperty("quarkus.shutdown.delay")).isEqualTo("5s");
        assertThat(p.getProperty("quarkus.shutdown.timeout")).isEqualTo("30s");
    }
}
