package org.eecs.application.audit;

import java.util.List;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.SearchingAuditTrail;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;

/** Opens the audit trail to auditors, page by page; each search is audited with what it asked for. */
public final class AuditSearch implements SearchingAuditTrail {

    private final AuditTrailSearch search;
    private final CareRecordAccess access;
    private final Transactions transactions;

    public AuditSearch(AuditTrailSearch search, CareRecordAccess access, Transactions transactions) {
        this.search = search;
        this.access = access;
        this.transactions = transactions;
    }

    @Override
    public AuditPage search(Caller caller, AuditFilter filter, Long after, int size, Order order) {
        EntityRef entity = new EntityRef("AuditTrail", AuditQueries.describe(filter));
        access.requireRole(caller, Role.AUDITOR, AuditAction.READ, entity);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequest("size must be from 1 to " + MAX_PAGE_SIZE + ", got " + size);
        }
        return transactions.inOne(() -> {
            List<ChainedAuditEvent> found = search.page(filter, after, size + 1, order);
            access.record(caller, AuditAction.READ, entity, filter.patient());
            boolean more = found.size() > size;
            List<ChainedAuditEvent> page = more ? found.subList(0, size) : found;
            return new AuditPage(page, more ? page.getLast().sequence() : null);
        });
    }
}
