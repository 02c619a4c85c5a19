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
    ChainedAuditEvent append(AuditEvent event);

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
