package academy.minicluster.web.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real embedded PostgreSQL: each start is a real initdb or server start, a few seconds. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory);
                Connection connection = connect(first);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (name text)");
            statement.execute("INSERT INTO survivor VALUES ('written before the restart')");
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(directory);
                Connection connection = connect(second);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT name FROM survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before the restart");
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefused() throws Exception {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(directory)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another Minicluster Academy process")
                    .hasMessageContaining("MINICLUSTER_POSTGRES_DIR");
        }
    }

    @Test
    void connectingWithoutThePasswordIsRefused() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
            Properties noPassword = new Properties();
            noPassword.setProperty("user", server.username());

            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), noPassword).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        }
    }

    @Test
    void thePasswordFileIsReadableByItsOwnerOnly() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
            Path password = directory.resolve("password");

            assertThat(Files.readString(password).strip()).isEqualTo(server.password());
            assertThat(Files.getPosixFilePermissions(password))
                    .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
    }

    @Test
    void aPostmasterLeftRunningByAKilledProcessIsStopped() throws Exception {
        Path pgdata = directory.resolve("pgdata");
        // What a killed platform leaves behind: a postmaster running on the data directory, owned by nobody.
        EmbeddedPostgres orphan = EmbeddedPostgres.builder().setDataDirectory(pgdata).setCleanDataDirectory(false)
                .start();
        long pid = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).strip());
        try {
            EmbeddedPostgresServer.stopOrphanedPostmaster(pgdata);

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            orphan.close();
        }
    }

    @Test
    void runsWithFsyncOnThoughZonkyPassesMinusF() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
        }
    }

    /**
     * kill -9 of the postmaster: the watchdog starts it again on the same port (the URL the platform's pool holds),
     * and what was committed before the kill is there. Polled with a generous bound, never timed.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKilledPostmasterIsStartedAgainOnTheSamePortWithItsData() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
            String url = server.jdbcUrl();
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE acknowledged (attempt int)");
                statement.execute("INSERT INTO acknowledged VALUES (1), (2), (3)");
            }
            long pid = server.postmasterPid().orElseThrow();

            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            assertThat(postmaster.destroyForcibly()).isTrue(); // SIGKILL
            postmaster.onExit().get(60, TimeUnit.SECONDS);

            Integer count = null;
            while (count == null) {
                try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                        Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT count(*) FROM acknowledged")) {
                    rs.next();
                    count = rs.getInt(1);
                } catch (SQLException notYet) {
                    Thread.sleep(200); // polling the watchdog's work; the test's bound is the @Timeout
                }
            }
            // The server answers a moment before the watchdog counts its restart: waited for, not timed.
            while (server.restarts() == 0) {
                Thread.sleep(200);
            }
            assertThat(count).isEqualTo(3);
            assertThat(server.jdbcUrl()).isEqualTo(url);
            assertThat(server.restarts()).isEqualTo(1);
            assertThat(server.postmasterPid()).isPresent().get().isNotEqualTo(pid);
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                assertThat(setting(statement, "fsync")).isEqualTo("on");
            }
        }
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void initdbTrustEntriesAreRewrittenToAskForAPassword() {
        assertThat(EmbeddedPostgresServer.requirePassword("host    all   all   127.0.0.1/32   trust"))
                .isEqualTo("host    all   all   127.0.0.1/32   scram-sha-256");
    }

    @Test
    void commentsAndOtherMethodsAreLeftAlone() {
        assertThat(EmbeddedPostgresServer.requirePassword("# METHOD can be \"trust\", trust"))
                .isEqualTo("# METHOD can be \"trust\", trust");
        assertThat(EmbeddedPostgresServer.requirePassword("host all all ::1/128 scram-sha-256"))
                .isEqualTo("host all all ::1/128 scram-sha-256");
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }
}
