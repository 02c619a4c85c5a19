package org.eecs.application.port.out;

import java.util.List;
import java.util.function.Consumer;
import org.eecs.application.port.AuditFilter;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * The audit trail read back for people who examine it: filtered, in pages or as one stream. Reading is not itself
 * audited here; the use cases that open the trail to someone audit that.
 */
public interface AuditTrailSearch {

    /**
     * Keyset paging: at most {@code limit} matching events after the event numbered {@code afterSequence} (none:
     * from the start) in the given order. Pages stay stable while events are appended: an appended event only ever
     * comes after the last page of an oldest-first listing.
     */
    List<ChainedAuditEvent> page(AuditFilter filter, Long afterSequence, int limit, Order order);

    /** How many events match. */
    long count(AuditFilter filter);

    /**
     * Hands every matching event, oldest first (in sequence order), to {@code reader} as the store yields it: a
     * cursor over one consistent snapshot, never a list, so memory stays constant however many events match. The
     * reader must not keep the events; an exception it throws ends the reading. Returns how many were read.
     */
    long stream(AuditFilter filter, Consumer<ChainedAuditEvent> reader);

    enum Order {
        OLDEST_FIRST,
        NEWEST_FIRST
    }
}
