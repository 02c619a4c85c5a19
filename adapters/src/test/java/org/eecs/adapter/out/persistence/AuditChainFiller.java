package org.eecs.adapter.out.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends many events at once for tests and benchmarks: properly chained to the head under the chain lock, as the
 * adapter links them, but inserted ten thousand rows a statement. Not for production: it bypasses nothing but
 * speed, and holds one batch (not the whole run) in memory.
 */
public final class AuditChainFiller {

    private static final int BATCH = 10_000;

    private AuditChainFiller() {
    }

    /** The stretch appended: first and last sequence numbers and the last hash. */
    public record Filled(long firstSequence, long lastSequence, String lastHash) {
    }

    public static Filled append(DataSource dataSource, int count, IntFunction<AuditEvent> eventNumber) {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return transaction.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return append(connection, count, eventNumber);
            } catch (SQLException e) {
                throw new IllegalStateException("could not fill the audit chain", e);
            }
        });
    }

    private static Filled append(Connection connection, int count, IntFunction<AuditEvent> eventNumber)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, JdbcAuditTrail.CHAIN_LOCK);
            lock.execute();
        }
        long sequence = 0;
        String hash = AuditChain.GENESIS;
        Timestamp recordedAt = null;
        try (PreparedStatement head = connection.prepareStatement(
                "select sequence, hash, recorded_at from audit_event order by sequence desc limit 1");
             ResultSet row = head.executeQuery()) {
            if (row.next()) {
                sequence = row.getLong(1);
                hash = row.getString(2);
                recordedAt = row.getTimestamp(3);
            }
        }
        long first = sequence + 1;
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_event (sequence, actor_id, actor_role, action, entity_type, entity_id, patient_id,
                    outcome, occurred_at, source_address, purpose, request_id, previous_hash, hash, recorded_at)
                select s, a, ar, ac, et, ei, p::uuid, o, t::timestamptz, sa, pu, ri, ph, h,
                       greatest(clock_timestamp(), ?::timestamptz)
                from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     as u(s, a, ar, ac, et, ei, p, o, t, sa, pu, ri, ph, h)""")) {
            for (int start = 0; start < count; start += BATCH) {
                int size = Math.min(BATCH, count - start);
                Object[][] columns = new Object[14][size];
                for (int i = 0; i < size; i++) {
                    AuditEvent event = eventNumber.apply(start + i);
                    ChainedAuditEvent linked = AuditChain.link(++sequence, hash, event);
                    hash = linked.hash();
                    Object[] row = {linked.sequence(), event.actor().id(), event.actor().role().name(),
                            event.action().name(), event.entity().type(), event.entity().id(),
                            event.patient() == null ? null : event.patient().toString(), event.outcome().name(),
                            event.at().toString(), event.sourceAddress(), event.purpose(), event.requestId(),
                            linked.previousHash(), linked.hash()};
                    for (int c = 0; c < 14; c++) {
                        columns[c][i] = row[c];
                    }
                }
                insert.setTimestamp(1, recordedAt);
                Long[] sequences = new Long[size];
                for (int i = 0; i < size; i++) {
                    sequences[i] = (Long) columns[0][i];
                }
                insert.setArray(2, connection.createArrayOf("bigint", sequences));
                for (int c = 1; c < 14; c++) {
                    String[] texts = new String[size];
                    for (int i = 0; i < size; i++) {
                        texts[i] = (String) columns[c][i];
                    }
                    Array array = connection.createArrayOf("text", texts);
                    insert.setArray(c + 2, array);
                }
                insert.executeUpdate();
            }
        }
        return new Filled(first, sequence, hash);
    }
}
