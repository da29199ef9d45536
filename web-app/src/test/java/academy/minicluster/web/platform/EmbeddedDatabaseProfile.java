package academy.minicluster.web.platform;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The packaged platform exactly as the README starts it: no database configured, so it starts its own embedded
 * PostgreSQL. The tests' global PostgresResource is switched off; only the data directory is moved into target/.
 */
public class EmbeddedDatabaseProfile implements QuarkusTestProfile {

    static final Path DATA_DIRECTORY = Path.of("target", "it-postgres").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("minicluster.postgres.dir", DATA_DIRECTORY.toString());
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
