package academy.minicluster.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aConnectionExceptionFromHibernateIsTheDatabaseBeingUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused.", "08001")))).isTrue();
    }

    @Test
    void anAdminShutdownDeepInTheCauseChainIsTheDatabaseBeingUnavailable() {
        SQLException adminShutdown = new SQLException("FATAL: terminating connection due to administrator command",
                "57P01");
        assertThat(DatabaseUnavailable.causedBy(new PersistenceException("could not execute statement",
                new GenericJDBCException("could not execute statement", adminShutdown)))).isTrue();
    }

    @Test
    void thePoolsAcquisitionTimeoutIsTheDatabaseBeingUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(
                new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
    }

    @Test
    void aConstraintViolationIsNot() {
        assertThat(DatabaseUnavailable.causedBy(new PersistenceException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }

    @Test
    void aFailureWithoutAnyDatabaseCauseIsNot() {
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("boom"))).isFalse();
    }
}
