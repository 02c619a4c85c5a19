package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * The append-only, hash-chained record of every access to patient data.
 * Appends join the caller's transaction, so an event is stored exactly when the change it describes is.
 */
public interface AuditTrail {

    /** Links the event to the head of the chain and stores it. Concurrent appends never fork the chain. */
    default ChainedAuditEvent append(AuditEvent event) {
        return append(List.of(event)).getFirst();
    }

    /**
     * Links the events, in this order, to the head of the chain and stores them together (one write, whatever their
     * number): a unit of work that records several acts appends them at once. Chained exactly as if appended one by
     * one. Concurrent appends never fork the chain.
     */
    List<ChainedAuditEvent> append(List<AuditEvent> events);

    /** The first and last sequence numbers of events that occurred in [from, to), if there are any. */
    Optional<SequenceRange> sequencesBetween(Instant from, Instant to);

    /** Up to {@code limit} events with a sequence number of at least {@code fromSequence}, in sequence order. */
    List<ChainedAuditEvent> readFrom(long fromSequence, int limit);

    /** The stored hash of one event, if that event exists. */
    Optional<String> hashOf(long sequence);

    record SequenceRange(long first, long last) {
        public SequenceRange {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("not a sequence range: " + first + ".." + last);
            }
        }
    }
}
