package org.eecs.adapter.out.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches and streams the audit trail in PostgreSQL. A stream is one query read through a server-side cursor
 * ({@link #FETCH_SIZE} rows at a time, which the PostgreSQL driver does only inside a transaction), so memory stays
 * constant however many events it yields; the statement sees one snapshot, so a stream never includes events
 * appended after it began.
 */
@Repository
class JdbcAuditTrailSearch implements AuditTrailSearch {

    static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;

    JdbcAuditTrailSearch(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ChainedAuditEvent> page(AuditFilter filter, Long afterSequence, int limit, Order order) {
        Where where = Where.of(filter);
        boolean newestFirst = order == Order.NEWEST_FIRST;
        if (afterSequence != null) {
            where.and(newestFirst ? "sequence < ?" : "sequence > ?", afterSequence);
        }
        where.params.add(limit);
        return jdbc.query("select " + JdbcAuditTrail.COLUMNS + " from audit_event" + where.sql
                        + " order by sequence " + (newestFirst ? "desc" : "asc") + " limit ?",
                (row, n) -> JdbcAuditTrail.toChainedEvent(row), where.params.toArray());
    }

    @Override
    @Transactional(readOnly = true)
    public long count(AuditFilter filter) {
        Where where = Where.of(filter);
        Long count = jdbc.queryForObject("select count(*) from audit_event" + where.sql, Long.class,
                where.params.toArray());
        return count == null ? 0 : count;
    }

    /**
     * A stretch of the chain (times and sequence numbers only) is read in the order of the primary key, never
     * sorted: its sequence numbers are bounded first, and sorting is ruled out for the query, so that the first rows
     * come at once and the database holds no sorted copy of a month's events.
     */
    @Override
    @Transactional(readOnly = true)
    public long stream(AuditFilter filter, Consumer<ChainedAuditEvent> reader) {
        if (filter.isStretchOfTheChain() && (filter.from() != null || filter.to() != null)) {
            Where times = Where.of(filter);
            Long[] bounds = jdbc.queryForObject("select min(sequence), max(sequence) from audit_event" + times.sql,
                    (row, n) -> new Long[] {(Long) row.getObject(1), (Long) row.getObject(2)},
                    times.params.toArray());
            if (bounds == null || bounds[0] == null) {
                return 0;
            }
            filter = filter.withSequences(
                    filter.fromSequence() == null ? bounds[0] : Math.max(filter.fromSequence(), bounds[0]),
                    filter.toSequence() == null ? bounds[1] : Math.min(filter.toSequence(), bounds[1]));
            jdbc.execute("set local enable_sort = off");
        }
        Where where = Where.of(filter);
        long[] read = {0};
        RowCallbackHandler each = row -> {
            reader.accept(JdbcAuditTrail.toChainedEvent(row));
            read[0]++;
        };
        jdbc.query("select " + JdbcAuditTrail.COLUMNS + " from audit_event" + where.sql + " order by sequence",
                each, where.params.toArray());
        return read[0];
    }

    /** The filter as a WHERE clause with bind parameters: values never become SQL text. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        static Where of(AuditFilter filter) {
            Where where = new Where();
            if (filter.from() != null) {
                where.and("occurred_at >= ?", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
            }
            if (filter.to() != null) {
                where.and("occurred_at < ?", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
            }
            if (filter.actorId() != null) {
                where.and("actor_id = ?", filter.actorId());
            }
            if (filter.role() != null) {
                where.and("actor_role = ?", filter.role().name());
            }
            if (filter.patient() != null) {
                where.and("patient_id = ?", filter.patient().value());
            }
            if (filter.action() != null) {
                where.and("action = ?", filter.action().name());
            }
            if (filter.outcome() != null) {
                where.and("outcome = ?", filter.outcome().name());
            }
            if (filter.requestId() != null) {
                where.and("request_id = ?", filter.requestId());
            }
            if (filter.entityType() != null) {
                where.and("entity_type = ?", filter.entityType());
            }
            if (filter.entityId() != null) {
                where.and("entity_id = ?", filter.entityId());
            }
            if (filter.fromSequence() != null) {
                where.and("sequence >= ?", filter.fromSequence());
            }
            if (filter.toSequence() != null) {
                where.and("sequence <= ?", filter.toSequence());
            }
            return where;
        }

        void and(String condition, Object value) {
            sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
            params.add(value);
        }
    }
}
