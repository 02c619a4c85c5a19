package org.eecs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;

/** An audit trail in a list; {@link #replace} and {@link #remove} let a test play the tamperer. */
public final class InMemoryAuditTrail implements AuditTrail, AuditTrailSearch, RollsBack {

    private final List<ChainedAuditEvent> events = new ArrayList<>();
    /** The last sequence and hash of each archived stretch, as table audit_anchor keeps them. */
    private final java.util.TreeMap<Long, String> anchors = new java.util.TreeMap<>();

    @Override
    public synchronized List<ChainedAuditEvent> append(List<AuditEvent> appended) {
        return appended.stream().map(this::linked).toList();
    }

    private ChainedAuditEvent linked(AuditEvent event) {
        ChainedAuditEvent chained;
        if (!events.isEmpty()) {
            chained = AuditChain.link(events.getLast().sequence() + 1, events.getLast().hash(), event);
        } else if (!anchors.isEmpty()) {
            chained = AuditChain.link(anchors.lastKey() + 1, anchors.lastEntry().getValue(), event);
        } else {
            chained = AuditChain.link(1, AuditChain.GENESIS, event);
        }
        events.add(chained);
        return chained;
    }

    @Override
    public synchronized Optional<SequenceRange> sequencesBetween(Instant from, Instant to) {
        List<Long> inRange = events.stream()
                .filter(e -> !e.event().at().isBefore(from) && e.event().at().isBefore(to))
                .map(ChainedAuditEvent::sequence)
                .toList();
        return inRange.isEmpty() ? Optional.empty()
                : Optional.of(new SequenceRange(inRange.getFirst(), inRange.getLast()));
    }

    @Override
    public synchronized List<ChainedAuditEvent> readFrom(long fromSequence, int limit) {
        return events.stream().filter(e -> e.sequence() >= fromSequence).limit(limit).toList();
    }

    @Override
    public synchronized Optional<String> hashOf(long sequence) {
        return events.stream().filter(e -> e.sequence() == sequence).map(ChainedAuditEvent::hash).findFirst()
                .or(() -> Optional.ofNullable(anchors.get(sequence)));
    }

    /** Takes a stretch out of the trail, keeping the hash of its last event as its anchor (an archived month). */
    public synchronized void archive(long first, long last, String lastHash) {
        events.removeIf(e -> e.sequence() >= first && e.sequence() <= last);
        anchors.put(last, lastHash);
    }

    @Override
    public synchronized List<ChainedAuditEvent> page(AuditFilter filter, Long afterSequence, int limit, Order order) {
        boolean newestFirst = order == Order.NEWEST_FIRST;
        return events.stream()
                .filter(filter::matches)
                .filter(e -> afterSequence == null
                        || (newestFirst ? e.sequence() < afterSequence : e.sequence() > afterSequence))
                .sorted(newestFirst ? Comparator.comparingLong(ChainedAuditEvent::sequence).reversed()
                        : Comparator.comparingLong(ChainedAuditEvent::sequence))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long count(AuditFilter filter) {
        return events.stream().filter(filter::matches).count();
    }

    @Override
    public long stream(AuditFilter filter, Consumer<ChainedAuditEvent> reader) {
        List<ChainedAuditEvent> snapshot;
        synchronized (this) {
            snapshot = events.stream().filter(filter::matches).toList();
        }
        snapshot.forEach(reader);
        return snapshot.size();
    }

    @Override
    public synchronized Runnable checkpoint() {
        List<ChainedAuditEvent> saved = List.copyOf(events);
        return () -> {
            synchronized (this) {
                events.clear();
                events.addAll(saved);
            }
        };
    }

    public synchronized List<ChainedAuditEvent> events() {
        return List.copyOf(events);
    }

    /** The events as they were written, without their place in the chain. */
    public synchronized List<AuditEvent> written() {
        return events.stream().map(ChainedAuditEvent::event).toList();
    }

    /** The sequence number of the head of the chain; 0 when the trail is empty. */
    public synchronized long headSequence() {
        return events.isEmpty() ? 0 : events.getLast().sequence();
    }

    /** The events after the given sequence number, in order. */
    public synchronized List<AuditEvent> writtenAfter(long sequence) {
        return events.stream().filter(e -> e.sequence() > sequence).map(ChainedAuditEvent::event).toList();
    }

    /** Overwrites a stored event's content, keeping its hashes: what a tamperer with database access could do. */
    public synchronized void replace(long sequence, AuditEvent forged) {
        events.replaceAll(e -> e.sequence() == sequence
                ? new ChainedAuditEvent(sequence, forged, e.previousHash(), e.hash()) : e);
    }

    public synchronized void remove(long sequence) {
        events.removeIf(e -> e.sequence() == sequence);
    }
}
