package org.eecs.adapter.in.web;

import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached from a defect: the first is a 503 that the caller may retry, the second a
 * 500. A lost connection surfaces under many exceptions (the statement's, or that of the rollback which follows it
 * and hides it), so the causes are read first; when they do not say, the database is asked for a connection.
 */
@Component
class UnreachableDatabase {

    /** SQL states of connection failures (class 08) and of a server shutting down or ending the session (57P0x). */
    private static final String CONNECTION_EXCEPTION = "08";
    private static final String OPERATOR_INTERVENTION = "57P0";
    private static final int PROBE_SECONDS = 2;

    private final DataSource dataSource;

    UnreachableDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the failure of a data access or a transaction came from the database being out of reach. */
    boolean explains(Throwable failure) {
        return saidBy(failure) || !reachable();
    }

    private static boolean saidBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SocketException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION)
                    || sql.getSQLState().startsWith(OPERATOR_INTERVENTION))) {
                return true;
            }
        }
        return false;
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException unreachable) {
            return false;
        }
    }
}
