package org.eecs.application.port.in;

import java.util.List;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * Auditors and the hospital's information system (roles AUDITOR and INTEGRATION) read the audit trail event by
 * event and search it in keyset pages: what the FHIR server serves as AuditEvent resources. Every read and search
 * is itself audited, IHE BALP style: one event per patient it touched, or one without a patient when it touched
 * none. Auditors see what the events hold and no more.
 */
public interface SharingAuditTrail {

    /** The event with this sequence number; {@link UnknownAuditEvent} when there is none. */
    ChainedAuditEvent read(Caller caller, long sequence);

    /** @param query what was asked, as the caller put it; the audit trail keeps it (cut to 255 characters) */
    AuditEventPage search(Caller caller, AuditFilter filter, Paging paging, String query);

    /**
     * Which page: the events after the event numbered {@code after}, or before the one numbered {@code before}
     * (at most one of them; neither: the first page), at most {@code count}, in {@code order}.
     */
    record Paging(Long after, Long before, int count, Order order) {

        public static final int MAX_COUNT = 1_000;

        public Paging {
            if (after != null && before != null) {
                throw new InvalidRequest("a page continues after an event or ends before one, not both");
            }
            if (count < 1 || count > MAX_COUNT) {
                throw new InvalidRequest("a page holds from 1 to " + MAX_COUNT + " events, not " + count);
            }
            if (order == null) {
                throw new InvalidRequest("a page needs an order");
            }
        }
    }

    /** A page of events in the search's order, and whether there are events before and after it. */
    record AuditEventPage(List<ChainedAuditEvent> events, boolean hasPrevious, boolean hasNext) {

        public AuditEventPage {
            events = List.copyOf(events);
        }

        public Long first() {
            return events.isEmpty() ? null : events.getFirst().sequence();
        }

        public Long last() {
            return events.isEmpty() ? null : events.getLast().sequence();
        }
    }

    /** No audit event has this sequence number (or it was archived out of the trail). */
    final class UnknownAuditEvent extends NotFound {
        public UnknownAuditEvent(long sequence) {
            super("no audit event " + sequence);
        }
    }
}
