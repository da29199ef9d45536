package academy.minicluster.web.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A frozen database (every PostgreSQL process sent SIGSTOP: alive, silent) no longer hangs anything: readiness says
 * 503 and a request that needs the database gets 503 + Retry-After, each answered (the client waits up to 60 s, far
 * more than the profile's timeouts of a few seconds; nothing here measures time). After SIGCONT both recover.
 */
@QuarkusTest
@TestProfile(HardenedServerProfile.class)
class FrozenDatabaseTest {

    /** The client gives up only after a minute: a hang fails the test, a slow machine does not. */
    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 60_000));

    @ConfigProperty(name = FreezablePostgres.DIRECTORY_PROPERTY)
    Path directory;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void connectionsCarryTheStatementTimeout() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2s");
        }
    }

    @Test
    void aStatementOverTheTimeoutIsEndedByTheServer() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(30)");
            }
        })).isInstanceOf(java.sql.SQLException.class)
                .satisfies(e -> assertThat(DatabaseUnavailable.causedBy(e)).isTrue())
                .hasMessageContaining("statement timeout");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aFrozenDatabaseIsAnswered503ThenRecovers() throws Exception {
        given().config(PATIENT).get("/q/health/ready").then().statusCode(200);
        given().config(PATIENT).get("/api/v1/labs").then().statusCode(200);

        FreezablePostgres.signal(directory, "STOP");
        try {
            Response ready = given().config(PATIENT).get("/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body().asString()).contains(DatabaseReadiness.NAME).contains("DOWN");

            Response labs = given().config(PATIENT).get("/api/v1/labs");
            assertThat(labs.statusCode()).isEqualTo(503);
            assertThat(labs.header("Retry-After")).isEqualTo(String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            assertThat(labs.body().asString()).contains(DatabaseUnavailable.MESSAGE);

            // Asked again while still frozen: still answered, still 503 (no probe or request piles up and hangs).
            assertThat(given().config(PATIENT).get("/q/health/ready").statusCode()).isEqualTo(503);
            assertThat(given().config(PATIENT).get("/api/v1/labs").statusCode()).isEqualTo(503);
        } finally {
            FreezablePostgres.signal(directory, "CONT");
        }

        // Thawed: polled until the pool has replaced its closed connections; the bound is the @Timeout.
        while (given().config(PATIENT).get("/q/health/ready").statusCode() != 200) {
            Thread.sleep(200);
        }
        while (given().config(PATIENT).get("/api/v1/labs").statusCode() != 200) {
            Thread.sleep(200);
        }
        given().config(PATIENT).get("/api/v1/labs").then().statusCode(200);
    }
}
