package academy.minicluster.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flyway ran at start, on the real PostgreSQL: read back through the datasource, not through Hibernate. */
@QuarkusTest
class FlywayMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theAccountTableExistsWithItsColumns() throws SQLException {
        assertThat(strings("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = 'account' ORDER BY ordinal_position"))
                .containsExactly("id", "username", "password", "roles", "created_at");
    }

    @Test
    void versionOneIsRecordedAsApplied() throws SQLException {
        assertThat(strings("SELECT version || ' ' || description || ' ' || success FROM flyway_schema_history "
                + "WHERE version IS NOT NULL ORDER BY installed_rank"))
                .startsWith("1 accounts true");
    }

    @Test
    void theDatabaseIsPostgreSql() throws SQLException {
        assertThat(strings("SELECT current_setting('server_version_num')"))
                .singleElement().satisfies(v -> assertThat(Integer.parseInt(v)).isGreaterThanOrEqualTo(170000));
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
