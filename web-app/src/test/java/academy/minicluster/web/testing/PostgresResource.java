package academy.minicluster.web.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives every {@code @QuarkusTest} a real PostgreSQL, chosen by {@link TestDatabaseChoice}.
 *
 * <p>Global: declared once here, it applies to every Quarkus test in this module, so a new test class needs no
 * annotation to get a database, and all of them share one running application.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(PostgresResource.class);

    /** The image of the Docker path: PostgreSQL 17, as the embedded binaries (zonky 17.x) and docker/compose.yaml use. */
    static final String CONTAINER_IMAGE = "postgres:17";

    private EmbeddedPostgres embedded;
    private PostgreSQLContainer container;

    @Override
    public Map<String, String> start() {
        TestDatabaseChoice choice = TestDatabaseChoice.choose(System.getenv(), dockerAvailable());
        if (choice instanceof TestDatabaseChoice.External external) {
            LOG.infof("Tests use the PostgreSQL at %s (%s)", external.jdbcUrl(), TestDatabaseChoice.URL_ENV);
            return Map.of(
                    "quarkus.datasource.jdbc.url", external.jdbcUrl(),
                    "quarkus.datasource.username", external.username(),
                    "quarkus.datasource.password", external.password());
        }
        if (choice instanceof TestDatabaseChoice.Container) {
            return startContainer();
        }
        return startEmbedded();
    }

    /** Testcontainers' PostgreSQL, of the major version the embedded server and production use. */
    private Map<String, String> startContainer() {
        container = new PostgreSQLContainer(DockerImageName.parse(CONTAINER_IMAGE));
        container.start();
        LOG.infof("Tests use a PostgreSQL container (%s, Testcontainers) at %s", CONTAINER_IMAGE, container.getJdbcUrl());
        return Map.of(
                "quarkus.datasource.jdbc.url", container.getJdbcUrl(),
                "quarkus.datasource.username", container.getUsername(),
                "quarkus.datasource.password", container.getPassword());
    }

    private Map<String, String> startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
        LOG.infof("Tests use an embedded PostgreSQL on port %d", embedded.getPort());
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Could not stop the embedded PostgreSQL", e);
            }
            embedded = null;
        }
    }

    /** Docker's usual signs: DOCKER_HOST, or the engine's socket. Enough to choose; Testcontainers would verify. */
    static boolean dockerAvailable() {
        String dockerHost = System.getenv("DOCKER_HOST");
        return (dockerHost != null && !dockerHost.isBlank()) || Files.exists(Path.of("/var/run/docker.sock"));
    }
}
