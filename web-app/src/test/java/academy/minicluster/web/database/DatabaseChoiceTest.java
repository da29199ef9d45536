package academy.minicluster.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseChoiceTest {

    private static final Path WORKING_DIRECTORY = Path.of("/srv/academy");
    private static final Map<String, String> NONE = Map.of();

    @Test
    void urlFromTheEnvironmentMeansConfigured() {
        DatabaseChoice choice = DatabaseChoice.choose(
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/academy"), NONE, WORKING_DIRECTORY);

        assertThat(choice).isEqualTo(new DatabaseChoice.Configured("jdbc:postgresql://db:5432/academy"));
    }

    @Test
    void urlFromASystemPropertyWinsOverTheEnvironment() {
        DatabaseChoice choice = DatabaseChoice.choose(
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://env/academy"),
                Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://property/academy"), WORKING_DIRECTORY);

        assertThat(choice).isEqualTo(new DatabaseChoice.Configured("jdbc:postgresql://property/academy"));
    }

    @Test
    void noUrlMeansEmbeddedInDataPostgresUnderTheWorkingDirectory() {
        assertThat(DatabaseChoice.choose(NONE, NONE, WORKING_DIRECTORY))
                .isEqualTo(new DatabaseChoice.Embedded(Path.of("/srv/academy/data/postgres")));
    }

    @Test
    void blankUrlMeansEmbedded() {
        assertThat(DatabaseChoice.choose(Map.of("QUARKUS_DATASOURCE_JDBC_URL", " "), NONE, WORKING_DIRECTORY))
                .isInstanceOf(DatabaseChoice.Embedded.class);
    }

    @Test
    void embeddedDirectoryComesFromTheEnvironment() {
        assertThat(DatabaseChoice.choose(Map.of("MINICLUSTER_POSTGRES_DIR", "/var/lib/academy"), NONE,
                WORKING_DIRECTORY)).isEqualTo(new DatabaseChoice.Embedded(Path.of("/var/lib/academy")));
    }

    @Test
    void relativeEmbeddedDirectoryIsResolvedAgainstTheWorkingDirectory() {
        assertThat(DatabaseChoice.choose(NONE, Map.of("minicluster.postgres.dir", "state/pg"), WORKING_DIRECTORY))
                .isEqualTo(new DatabaseChoice.Embedded(Path.of("/srv/academy/state/pg")));
    }
}
