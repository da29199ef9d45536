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
    void anyFailureOfTheDriverOpeningAConnectionIsTheDatabaseBeingUnavailable() {
        // pgjdbc's wording for an unexpected failure in its connect thread: SQLState 99999, thrown by Driver.connect.
        SQLException unusual = new SQLException("Something unusual has occurred to cause the driver to fail. "
                + "Please report this exception.", "99999");
        unusual.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.postgresql.Driver$ConnectThread", "getResult", "Driver.java", 400),
                new StackTraceElement("org.postgresql.Driver", "connect", "Driver.java", 290),
                new StackTraceElement("io.agroal.pool.ConnectionFactory", "createConnection", "ConnectionFactory.java", 1)});
        assertThat(DatabaseUnavailable.causedBy(new PersistenceException(unusual))).isTrue();

        SQLException sameWordsElsewhere = new SQLException(unusual.getMessage(), "99999");
        sameWordsElsewhere.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.postgresql.jdbc.PgStatement", "executeQuery", "PgStatement.java", 1)});
        assertThat(DatabaseUnavailable.causedBy(new PersistenceException(sameWordsElsewhere))).isFalse();
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
