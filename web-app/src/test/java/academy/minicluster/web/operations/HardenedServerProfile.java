package academy.minicluster.web.operations;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The production limits made small enough to reach in a test: a database of its own that the tests freeze
 * ({@link FreezablePostgres}), database timeouts of a few seconds, an HTTP idle timeout of 20 s and a
 * connection limit of {@value #MAX_CONNECTIONS}. Shared by the test classes that need it, so Quarkus starts it once.
 */
public class HardenedServerProfile implements QuarkusTestProfile {

    static final int MAX_CONNECTIONS = 40;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.idle-timeout", "20s",
                "quarkus.http.limits.max-connections", String.valueOf(MAX_CONNECTIONS),
                "minicluster.database.statement-timeout-ms", "2000",
                "minicluster.database.socket-timeout-s", "3",
                "minicluster.database.connect-timeout-s", "2",
                "minicluster.database.login-timeout-s", "3",
                "quarkus.datasource.jdbc.acquisition-timeout", "3S",
                "minicluster.database.readiness-timeout", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FreezablePostgres.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
