package org.eecs.adapter.out.persistence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit trail in PostgreSQL. Appends are serialised by a transaction-scoped advisory lock, so that
 * concurrent writers, in this process or in another replica, each link to the head they see and never fork
 * the chain; the lock is released when the caller's transaction ends.
 */
@Repository
class JdbcAuditTrail implements AuditTrail {

    /** The advisory-lock key of the audit chain ("EECSAUDT" in ASCII). */
    static final long CHAIN_LOCK = 0x4545_4353_4155_4454L;
    private static final String LOCK_TIMEOUT = "30s";

    static final String COLUMNS = """
            sequence, actor_id, actor_role, action, entity_type, entity_id, patient_id, outcome, occurred_at,
            source_address, purpose, request_id, previous_hash, hash""";

    /** The audit write rate for Prometheus ({@code eecs.audit.appends}): events that were committed. */
    private static final Counter APPENDS = Counter.builder("eecs.audit.appends")
            .description("audit events appended to the chain and committed").register(Metrics.globalRegistry);

    private final JdbcClient jdbc;
    private final Clock recordingClock;

    /** Records events at the database's clock: one clock for every instance. */
    @Autowired
    JdbcAuditTrail(JdbcClient jdbc) {
        this(jdbc, null);
    }

    /** Records events at the given clock (tests that need events of past months). */
    JdbcAuditTrail(JdbcClient jdbc, Clock recordingClock) {
        this.jdbc = jdbc;
        this.recordingClock = recordingClock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public ChainedAuditEvent append(AuditEvent event) {
        return append(List.of(event)).getFirst();
    }

    /**
     * Joins the caller's transaction: an event is stored exactly when the change it describes is. The first append
     * of a transaction takes the chain's lock and reads the head (one round trip), then inserts its events in one
     * statement (another, however many they are); the transaction's later appends link to the event it appended
     * last, which is still the head while it holds the lock (one round trip each).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ChainedAuditEvent> append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        ChainHeld held = held();
        if (held == null) {
            held = new ChainHeld(lockedHead());
            TransactionSynchronizationManager.registerSynchronization(held);
        }
        Head head = held.head;
        List<ChainedAuditEvent> chained = new ArrayList<>(events.size());
        List<Object> values = new ArrayList<>(events.size() * 14 + 2);
        // recorded at the clock, but never before the head: the partition key never decreases along the chain
        values.add(recordingClock == null ? null : OffsetDateTime.now(recordingClock));
        values.add(head.recordedAt());
        long sequence = head.sequence();
        String previousHash = head.hash();
        for (AuditEvent event : events) {
            ChainedAuditEvent link = AuditChain.link(++sequence, previousHash, event);
            chained.add(link);
            previousHash = link.hash();
            values.addAll(Arrays.asList(link.sequence(), event.actor().id(), event.actor().role().name(),
                    event.action().name(), event.entity().type(), event.entity().id(),
                    event.patient() == null ? null : event.patient().value(), event.outcome().name(),
                    OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC), event.sourceAddress(), event.purpose(),
                    event.requestId(), link.previousHash(), link.hash()));
        }
        // one recording time for the events of one statement, so that it never decreases along them either
        OffsetDateTime recordedAt = jdbc.sql(insertOf(events.size())).params(values)
                .query(OffsetDateTime.class)
                .list().getFirst();
        held.appended(new Head(sequence, previousHash, recordedAt), events.size());
        return chained;
    }

    /** The insert of {@code events} events, one row each, all recorded at one time. */
    private static String insertOf(int events) {
        return "with recording as (select greatest(coalesce(?::timestamptz, clock_timestamp()), ?::timestamptz) as at) "
                + "insert into audit_event (" + COLUMNS + ", recorded_at) values "
                + String.join(", ", Collections.nCopies(events,
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (select at from recording))"))
                + " returning recorded_at";
    }

    /**
     * Takes the chain's lock for the rest of the transaction, then reads the head it now may link to: the newest
     * event, or the anchor of the newest archived month when every event is archived. One call of a function (V14)
     * whose read takes its snapshot after the lock is held; the lock's wait is bounded (a unit that waited on a chain
     * lock its own suspended unit holds would otherwise hang).
     */
    private Head lockedHead() {
        return jdbc.sql("select sequence, hash, recorded_at from audit_chain_locked_head(?, ?)")
                .params(CHAIN_LOCK, LOCK_TIMEOUT)
                .query((row, n) -> new Head(row.getLong(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class)))
                .optional()
                .orElse(new Head(0, AuditChain.GENESIS, null));
    }

    /** This transaction's hold on the chain, if it appended already (a suspended outer unit's is not seen). */
    private static ChainHeld held() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof ChainHeld held) {
                return held;
            }
        }
        return null;
    }

    /** A transaction's hold on the chain: the head it appended last, and how many events it appended. */
    private static final class ChainHeld implements TransactionSynchronization {

        private Head head;
        private int appended;

        private ChainHeld(Head head) {
            this.head = head;
        }

        private void appended(Head newHead, int events) {
            head = newHead;
            appended += events;
        }

        @Override
        public void afterCommit() {
            APPENDS.increment(appended);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SequenceRange> sequencesBetween(Instant from, Instant to) {
        return jdbc.sql("select min(sequence) as first, max(sequence) as last from audit_event "
                        + "where occurred_at >= ? and occurred_at < ? having count(*) > 0")
                .params(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((row, n) -> new SequenceRange(row.getLong("first"), row.getLong("last")))
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ChainedAuditEvent> readFrom(long fromSequence, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_event where sequence >= ? order by sequence limit ?")
                .params(fromSequence, limit)
                .query((row, n) -> toChainedEvent(row))
                .list();
    }

    /** The stored hash of the event or, for the last event of an archived month, its anchor's. */
    @Override
    @Transactional(readOnly = true)
    public Optional<String> hashOf(long sequence) {
        return jdbc.sql("""
                        select hash from audit_event where sequence = ?
                        union all
                        select last_hash from audit_anchor where last_sequence = ?
                        limit 1""")
                .params(sequence, sequence).query(String.class).optional();
    }

    /** The newest link of the chain and when it was recorded (no time for the genesis). */
    private record Head(long sequence, String hash, OffsetDateTime recordedAt) {
    }

    /** An event as read by a query selecting {@link #COLUMNS}, by position: exports read a million of them. */
    static ChainedAuditEvent toChainedEvent(ResultSet row) throws SQLException {
        UUID patient = row.getObject(7, UUID.class);
        AuditEvent event = new AuditEvent(
                new Actor(row.getString(2), Role.valueOf(row.getString(3))),
                AuditAction.valueOf(row.getString(4)),
                new EntityRef(row.getString(5), row.getString(6)),
                patient == null ? null : new PatientId(patient),
                AuditOutcome.valueOf(row.getString(8)),
                row.getObject(9, OffsetDateTime.class).toInstant(),
                row.getString(10), row.getString(11), row.getString(12));
        return new ChainedAuditEvent(row.getLong(1), event, row.getString(13), row.getString(14));
    }
}
