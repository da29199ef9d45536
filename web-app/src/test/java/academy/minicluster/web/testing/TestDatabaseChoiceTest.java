package academy.minicluster.web.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestDatabaseChoiceTest {

    private static final Map<String, String> NOTHING_SET = Map.of();
    private static final Map<String, String> EXTERNAL_SET = Map.of(
            TestDatabaseChoice.URL_ENV, "jdbc:postgresql://db.test:5432/academy_test",
            TestDatabaseChoice.USERNAME_ENV, "academy",
            TestDatabaseChoice.PASSWORD_ENV, "s3cret");

    @Test
    void externalUrlWinsEvenWhenDockerIsReachable() {
        assertThat(TestDatabaseChoice.choose(EXTERNAL_SET, true)).isEqualTo(new TestDatabaseChoice.External(
                "jdbc:postgresql://db.test:5432/academy_test", "academy", "s3cret"));
    }

    @Test
    void dockerIsChosenWhenReachableAndNoUrlIsGiven() {
        assertThat(TestDatabaseChoice.choose(NOTHING_SET, true)).isInstanceOf(TestDatabaseChoice.Container.class);
    }

    @Test
    void embeddedIsTheDefaultWithoutUrlOrDocker() {
        assertThat(TestDatabaseChoice.choose(NOTHING_SET, false)).isInstanceOf(TestDatabaseChoice.Embedded.class);
    }

    @Test
    void blankUrlCountsAsNotSet() {
        assertThat(TestDatabaseChoice.choose(Map.of(TestDatabaseChoice.URL_ENV, "  "), false))
                .isInstanceOf(TestDatabaseChoice.Embedded.class);
    }

    @Test
    void externalWithoutCredentialsUsesEmptyOnes() {
        assertThat(TestDatabaseChoice.choose(Map.of(TestDatabaseChoice.URL_ENV, "jdbc:postgresql:academy"), false))
                .isEqualTo(new TestDatabaseChoice.External("jdbc:postgresql:academy", "", ""));
    }

    @Test
    void nonPostgresUrlIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> TestDatabaseChoice.choose(
                Map.of(TestDatabaseChoice.URL_ENV, "jdbc:h2:mem:test"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MINICLUSTER_TEST_JDBC_URL must be a PostgreSQL JDBC URL");
    }
}
