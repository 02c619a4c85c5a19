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
import java.util.concurrent.atomic.AtomicReference;
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
 * the chain; the lock is released when the caller's transaction ends. An instance remembers the head its last
 * committed append left and assumes it is still the head, which it checks under the lock before inserting anything:
 * a unit then takes the lock and stores its events in one round trip.
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

    /**
     * How units' first appends found the head ({@code eecs.audit.heads}, tag {@code found}): where this instance
     * assumed it was (one round trip), moved by another writer since, or unknown to an instance that has not appended
     * yet (two each).
     */
    private static final Counter HEAD_ASSUMED = heads("assumed");
    private static final Counter HEAD_MOVED = heads("moved");
    private static final Counter HEAD_UNKNOWN = heads("unknown");

    private final JdbcClient jdbc;
    private final Clock recordingClock;
    /** The head this instance's last committed append left: its next unit assumes it is still the head. */
    private final AtomicReference<Head> lastCommitted = new AtomicReference<>();

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
     * of a transaction takes the chain's lock and inserts its events in one statement (however many they are) when
     * the head is still the one this instance's last committed append left; otherwise (another instance, or another
     * unit of this one, appended since; or this instance has not appended yet) it links them to the head it then
     * reads under the lock, and inserts them in a second statement. The transaction's later appends link to the
     * event it appended last, which is still the head while it holds the lock (one round trip each).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ChainedAuditEvent> append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        ChainHeld held = held();
        if (held == null) {
            Head known = lastCommitted.get();
            if (known == null) {
                HEAD_UNKNOWN.increment();
                held = hold(new ChainHeld(lastCommitted, lockedHead()));
            } else {
                Linked linked = Linked.after(known, events);
                HeadFound found = insertedAt(known, linked);
                if (found.recordedAt() != null) {
                    HEAD_ASSUMED.increment();
                    hold(new ChainHeld(lastCommitted, known)).appended(linked.head(found.recordedAt()), events.size());
                    return linked.events();
                }
                // the head had moved: it is the one found, which stays the head now that the lock is held
                HEAD_MOVED.increment();
                held = hold(new ChainHeld(lastCommitted, found.head()));
            }
        }
        Linked linked = Linked.after(held.head, events);
        List<Object> values = new ArrayList<>(linked.rows().size() + 2);
        // recorded at the clock, but never before the head: the partition key never decreases along the chain
        values.add(recordingTime());
        values.add(held.head.recordedAt());
        values.addAll(linked.rows());
        // one recording time for the events of one statement, so that it never decreases along them either
        OffsetDateTime recordedAt = jdbc.sql(insertOf(events.size())).params(values)
                .query(OffsetDateTime.class)
                .list().getFirst();
        held.appended(linked.head(recordedAt), events.size());
        return linked.events();
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
                .orElse(GENESIS);
    }

    /**
     * Takes the chain's lock and reads the head as {@link #lockedHead()} does, in the same statement inserts the
     * events linked to {@code assumed} if the head read is that one (same sequence and hash), and answers the head
     * read and, if they were inserted, their recording time. The read is the V14 function's, so its snapshot is
     * taken after the lock is held: a head another writer committed meanwhile is seen, and nothing is inserted.
     */
    private HeadFound insertedAt(Head assumed, Linked linked) {
        List<Object> values = new ArrayList<>(linked.rows().size() + 5);
        values.add(CHAIN_LOCK);
        values.add(LOCK_TIMEOUT);
        values.add(recordingTime());
        values.add(assumed.sequence());
        values.add(assumed.hash());
        values.addAll(linked.rows());
        return jdbc.sql(insertAtHeadOf(linked.events().size())).params(values)
                .query((row, n) -> new HeadFound(new Head(row.getLong(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class)), row.getObject(4, OffsetDateTime.class)))
                .optional()
                .orElse(new HeadFound(GENESIS, null));
    }

    /**
     * The lock, the head, and the insert of {@code events} events if the head is the one assumed: rows come from a
     * join with the recording time, which has a row only then (their values typed, since they are not a VALUES list
     * of the insert itself). Recorded at one time, never before the head, as by {@link #insertOf(int)}.
     */
    private static String insertAtHeadOf(int events) {
        return "with head as (select sequence, hash, recorded_at from audit_chain_locked_head(?, ?)), "
                + "recording as (select greatest(coalesce(?::timestamptz, clock_timestamp()), h.recorded_at) as at "
                + "from head h where h.sequence = ? and h.hash = ?), "
                + "appended as (insert into audit_event (" + COLUMNS + ", recorded_at) "
                + "select v.*, r.at from recording r, (values "
                + String.join(", ", Collections.nCopies(events, "(?::bigint, ?::varchar, ?::varchar, ?::varchar, "
                + "?::varchar, ?::varchar, ?::uuid, ?::varchar, ?::timestamptz, ?::varchar, ?::varchar, ?::varchar, "
                + "?::varchar, ?::varchar)"))
                + ") as v returning recorded_at) "
                + "select h.sequence, h.hash, h.recorded_at, (select max(a.recorded_at) from appended a) from head h";
    }

    private OffsetDateTime recordingTime() {
        return recordingClock == null ? null : OffsetDateTime.now(recordingClock);
    }

    private static Counter heads(String found) {
        return Counter.builder("eecs.audit.heads").tag("found", found)
                .description("units' first audit appends, by where they found the chain's head")
                .register(Metrics.globalRegistry);
    }

    private static ChainHeld hold(ChainHeld held) {
        TransactionSynchronizationManager.registerSynchronization(held);
        return held;
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

    /**
     * A transaction's hold on the chain: the head it appended last, and how many events it appended. Once committed,
     * that head is the one this instance's next unit assumes, unless a unit of this instance that committed at about
     * the same time left a newer one (units commit, and are told so, in any order).
     */
    private static final class ChainHeld implements TransactionSynchronization {

        private final AtomicReference<Head> lastCommitted;
        private Head head;
        private int appended;

        private ChainHeld(AtomicReference<Head> lastCommitted, Head head) {
            this.lastCommitted = lastCommitted;
            this.head = head;
        }

        private void appended(Head newHead, int events) {
            head = newHead;
            appended += events;
        }

        @Override
        public void afterCommit() {
            APPENDS.increment(appended);
            lastCommitted.accumulateAndGet(head,
                    (last, mine) -> last == null || mine.sequence() > last.sequence() ? mine : last);
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

    private static final Head GENESIS = new Head(0, AuditChain.GENESIS, null);

    /** The head read under the chain's lock, and when the events were recorded if they were inserted (else null). */
    private record HeadFound(Head head, OffsetDateTime recordedAt) {
    }

    /** Events linked one by one after a head, and their rows' values in {@link #COLUMNS}' order (14 an event). */
    private record Linked(List<ChainedAuditEvent> events, List<Object> rows) {

        static Linked after(Head head, List<AuditEvent> events) {
            List<ChainedAuditEvent> chained = new ArrayList<>(events.size());
            List<Object> rows = new ArrayList<>(events.size() * 14);
            long sequence = head.sequence();
            String previousHash = head.hash();
            for (AuditEvent event : events) {
                ChainedAuditEvent link = AuditChain.link(++sequence, previousHash, event);
                chained.add(link);
                previousHash = link.hash();
                rows.addAll(Arrays.asList(link.sequence(), event.actor().id(), event.actor().role().name(),
                        event.action().name(), event.entity().type(), event.entity().id(),
                        event.patient() == null ? null : event.patient().value(), event.outcome().name(),
                        OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC), event.sourceAddress(), event.purpose(),
                        event.requestId(), link.previousHash(), link.hash()));
            }
            return new Linked(chained, rows);
        }

        /** The head the events leave once stored, recorded at the given time. */
        Head head(OffsetDateTime recordedAt) {
            ChainedAuditEvent last = events.getLast();
            return new Head(last.sequence(), last.hash(), recordedAt);
        }
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
