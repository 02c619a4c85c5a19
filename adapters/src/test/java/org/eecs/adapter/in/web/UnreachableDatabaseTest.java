package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.eecs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.orm.jpa.JpaSystemException;

/** A lost connection tells a 503 from a defect even when the database is back by the time it is asked. */
class UnreachableDatabaseTest {

    private final TestDatabase.Server server = TestDatabase.server();
    private final UnreachableDatabase database = new UnreachableDatabase(
            new DriverManagerDataSource(server.jdbcUrl(), server.username(), server.password()));

    @Test
    void aRollbackOnAConnectionThePoolClosed_isTheDatabaseOutOfReach_thoughItIsBackNow() {
        // what a unit raised after its statement met a connection ended by a restart (seen in RobotTurnsTest)
        JpaSystemException rollbackFailed = new JpaSystemException(new RuntimeException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

        assertThat(database.explains(rollbackFailed)).isTrue();
    }

    @Test
    void aFailureOfTheRecords_withTheDatabaseReachable_isADefect() {
        assertThat(database.explains(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(database.explains(new JpaSystemException(new RuntimeException("no such column",
                new SQLException("column does not exist"))))).isFalse();
    }
}
