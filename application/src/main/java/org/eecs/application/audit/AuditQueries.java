package org.eecs.application.audit;

import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.AuditFilter;
import org.eecs.domain.audit.EntityRef;

/** How a look at the audit trail is named in the audit trail itself. */
final class AuditQueries {

    private AuditQueries() {
    }

    /** The criteria of a filter as the entity id of the audit event that records its use, e.g. "actor=dr-li". */
    static String describe(AuditFilter filter) {
        List<String> criteria = new ArrayList<>();
        add(criteria, "from", filter.from());
        add(criteria, "to", filter.to());
        add(criteria, "actor", filter.actorId());
        add(criteria, "role", filter.role());
        add(criteria, "patient", filter.patient());
        add(criteria, "action", filter.action());
        add(criteria, "outcome", filter.outcome());
        add(criteria, "requestId", filter.requestId());
        add(criteria, "entityType", filter.entityType());
        add(criteria, "entityId", filter.entityId());
        add(criteria, "fromSequence", filter.fromSequence());
        add(criteria, "toSequence", filter.toSequence());
        return cut(criteria.isEmpty() ? "all" : String.join(";", criteria));
    }

    /** The text as an entity id: cut, with an ellipsis, where it is longer than an entity id may be. */
    static String cut(String described) {
        return described.length() <= EntityRef.MAX_ID_LENGTH ? described
                : described.substring(0, EntityRef.MAX_ID_LENGTH - 3) + "...";
    }

    private static void add(List<String> criteria, String name, Object value) {
        if (value != null) {
            criteria.add(name + "=" + value);
        }
    }
}
