package org.eecs.application.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.SearchingAuditTrail;
import org.eecs.application.port.in.SharingAuditTrail;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;

/**
 * Opens the audit trail: to auditors page by page over the REST API, each search audited with what it asked for;
 * to auditors and the hospital's information system as FHIR AuditEvents, each read and search audited with every
 * patient whose events it showed (IHE BALP style), as the care records are.
 */
public final class AuditSearch implements SearchingAuditTrail, SharingAuditTrail {

    static final Set<Role> SHARED_WITH = Set.of(Role.AUDITOR, Role.INTEGRATION);

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

    @Override
    public ChainedAuditEvent read(Caller caller, long sequence) {
        EntityRef entity = new EntityRef("AuditEvent", Long.toString(sequence));
        access.requireOneOf(caller, SHARED_WITH, AuditAction.READ, entity);
        return transactions.inOne(() -> {
            List<ChainedAuditEvent> found = sequence < 1 ? List.of()
                    : search.page(AuditFilter.all().withSequences(sequence, sequence), null, 1, Order.OLDEST_FIRST);
            if (found.isEmpty()) {
                access.missing(caller, AuditAction.READ, entity);
                throw new UnknownAuditEvent(sequence);
            }
            access.record(caller, AuditAction.READ, entity, found.getFirst().event().patient());
            return found.getFirst();
        });
    }

    @Override
    public AuditEventPage search(Caller caller, AuditFilter filter, Paging paging, String query) {
        EntityRef entity = new EntityRef("AuditEventSearch",
                AuditQueries.cut(query == null || query.isBlank() ? "all" : query));
        access.requireOneOf(caller, SHARED_WITH, AuditAction.READ, entity);
        return transactions.inOne(() -> {
            boolean backwards = paging.before() != null;
            Order order = !backwards ? paging.order()
                    : paging.order() == Order.OLDEST_FIRST ? Order.NEWEST_FIRST : Order.OLDEST_FIRST;
            List<ChainedAuditEvent> found = search.page(filter, backwards ? paging.before() : paging.after(),
                    paging.count() + 1, order);
            boolean more = found.size() > paging.count();
            List<ChainedAuditEvent> page = new ArrayList<>(found.subList(0, Math.min(paging.count(), found.size())));
            if (backwards) {
                Collections.reverse(page);
            }
            Set<PatientId> touched = new LinkedHashSet<>();
            page.forEach(event -> touched.add(event.event().patient()));
            touched.remove(null);
            if (touched.isEmpty()) {
                access.record(caller, AuditAction.READ, entity, null);
            }
            touched.forEach(patient -> access.record(caller, AuditAction.READ, entity, patient));
            return new AuditEventPage(page, backwards ? more : paging.after() != null, backwards || more);
        });
    }
}
