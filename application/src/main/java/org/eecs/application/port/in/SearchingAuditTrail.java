package org.eecs.application.port.in;

import java.util.List;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * An auditor searches the audit trail. Every search is itself audited. Auditors see what the events hold and no
 * more: no clinical content.
 */
public interface SearchingAuditTrail {

    /** Maximum events a page holds. */
    int MAX_PAGE_SIZE = 1_000;

    /**
     * A keyset page of matching events after the event numbered {@code after} (none: from the start); {@code next}
     * is the {@code after} of the following page, or null when this page is the last.
     */
    AuditPage search(Caller caller, AuditFilter filter, Long after, int size, Order order);

    record AuditPage(List<ChainedAuditEvent> events, Long next) {
        public AuditPage {
            events = List.copyOf(events);
        }
    }
}
