package academy.minicluster.web.testing;

import java.util.Map;
import java.util.Objects;

/**
 * Which real PostgreSQL the tests run against. There is always a real one: never an in-memory stand-in.
 *
 * <ol>
 *   <li>{@value #URL_ENV} set (with {@value #USERNAME_ENV} and {@value #PASSWORD_ENV}): that server. The tests
 *       migrate it with Flyway and add rows, so give them a database of their own.</li>
 *   <li>else a reachable Docker engine: Testcontainers' PostgreSQL ({@code postgres:17}), the path for developers
 *       with Docker. No machine this project is built on here (CI included) has Docker, so only the choice is
 *       tested here, not the container itself.</li>
 *   <li>else the embedded PostgreSQL (zonky), in a fresh temporary directory for each test run.</li>
 * </ol>
 */
public sealed interface TestDatabaseChoice {

    String URL_ENV = "MINICLUSTER_TEST_JDBC_URL";
    String USERNAME_ENV = "MINICLUSTER_TEST_JDBC_USERNAME";
    String PASSWORD_ENV = "MINICLUSTER_TEST_JDBC_PASSWORD";

    /** A server the developer named. */
    record External(String jdbcUrl, String username, String password) implements TestDatabaseChoice {
        public External {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(URL_ENV + " must be a PostgreSQL JDBC URL "
                        + "(jdbc:postgresql://host:port/database), not \"" + jdbcUrl + "\"");
            }
        }
    }

    /** A throwaway PostgreSQL container (Testcontainers), for machines with a Docker engine. */
    record Container() implements TestDatabaseChoice {
    }

    /** The embedded PostgreSQL: the default, and what CI runs. */
    record Embedded() implements TestDatabaseChoice {
    }

    static TestDatabaseChoice choose(Map<String, String> env, boolean dockerAvailable) {
        String url = env.get(URL_ENV);
        if (url != null && !url.isBlank()) {
            return new External(url.strip(), env.getOrDefault(USERNAME_ENV, ""), env.getOrDefault(PASSWORD_ENV, ""));
        }
        if (dockerAvailable) {
            return new Container();
        }
        return new Embedded();
    }
}
