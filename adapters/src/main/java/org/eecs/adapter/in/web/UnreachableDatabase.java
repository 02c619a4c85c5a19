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
    private static final String CLOSED_BY_THE_POOL = "Connection is closed";

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
            if (closedByThePool(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool's answer to a statement on a connection it has closed (HikariCP's, with no SQL state): it closes one it
     * saw fail as lost. A unit whose statement found its connection gone is then rolled back on that closed connection,
     * and the rollback's failure is what reaches us, in place of the statement's (Spring's TransactionTemplate keeps
     * the rollback's). By then the database may be back (a pooled connection ended by its restart, lent before the pool
     * checked it), so the probe alone would call it a defect.
     */
    private static boolean closedByThePool(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() == null
                && CLOSED_BY_THE_POOL.equals(sql.getMessage());
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException unreachable) {
            return false;
        }
    }
}
