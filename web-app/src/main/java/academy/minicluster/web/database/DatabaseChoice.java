package academy.minicluster.web.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the platform's PostgreSQL comes from, decided once before Quarkus starts.
 *
 * <p>A JDBC URL given as the environment variable {@value #URL_ENV} or the system property {@value #URL_PROPERTY}
 * wins: the platform uses that server and starts nothing. Without one, the platform runs its own embedded
 * PostgreSQL whose files live in {@value #DIR_ENV} (or {@value #DIR_PROPERTY}), by default {@value #DEFAULT_DIR}
 * under the working directory, so that one command starts the platform on a fresh machine and a restart finds
 * yesterday's data.
 *
 * <p>Only those two places are consulted for the URL, on purpose: they are the ones readable before Quarkus
 * builds its configuration. A URL set only in a {@code .env} file or {@code config/application.properties} would
 * be overridden by the embedded server's; the README says so.
 */
public sealed interface DatabaseChoice {

    String URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";
    String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    String DIR_ENV = "MINICLUSTER_POSTGRES_DIR";
    String DIR_PROPERTY = "minicluster.postgres.dir";
    String DEFAULT_DIR = "data/postgres";

    /** The operator named a PostgreSQL server; Quarkus reads its URL, user and password itself. */
    record Configured(String jdbcUrl) implements DatabaseChoice {
        public Configured {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        }
    }

    /** No server named: run the embedded one, keeping its files in {@code directory}. */
    record Embedded(Path directory) implements DatabaseChoice {
        public Embedded {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /**
     * Decides from the process environment and system properties.
     *
     * @param env the environment, as {@link System#getenv()}
     * @param properties the system properties, as a map
     * @param workingDirectory what a relative data directory is resolved against
     */
    static DatabaseChoice choose(Map<String, String> env, Map<String, String> properties, Path workingDirectory) {
        String url = firstNonBlank(properties.get(URL_PROPERTY), env.get(URL_ENV));
        if (url != null) {
            return new Configured(url);
        }
        String dir = firstNonBlank(properties.get(DIR_PROPERTY), env.get(DIR_ENV));
        Path directory = workingDirectory.resolve(dir != null ? dir : DEFAULT_DIR).toAbsolutePath().normalize();
        return new Embedded(directory);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.strip();
        }
        if (second != null && !second.isBlank()) {
            return second.strip();
        }
        return null;
    }
}
