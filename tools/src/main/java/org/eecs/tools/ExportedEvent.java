package org.eecs.tools;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;

/** An audit event as an export writes it: the same field names in NDJSON and CSV (docs/audit.md). */
final class ExportedEvent {

    static final List<String> FIELDS = List.of("sequence", "occurredAt", "actorId", "actorRole", "action",
            "entityType", "entityId", "patient", "outcome", "sourceAddress", "purpose", "requestId", "previousHash",
            "hash");

    private ExportedEvent() {
    }

    /** The event from its fields (text, or null where absent); throws IllegalArgumentException if it is not one. */
    static ChainedAuditEvent of(Map<String, ?> fields) {
        try {
            String patient = text(fields, "patient");
            AuditEvent event = new AuditEvent(
                    new Actor(text(fields, "actorId"), Role.valueOf(text(fields, "actorRole"))),
                    AuditAction.valueOf(text(fields, "action")),
                    new EntityRef(text(fields, "entityType"), text(fields, "entityId")),
                    patient == null ? null : new PatientId(UUID.fromString(patient)),
                    AuditOutcome.valueOf(text(fields, "outcome")),
                    Instant.parse(text(fields, "occurredAt")),
                    text(fields, "sourceAddress"), text(fields, "purpose"), text(fields, "requestId"));
            return new ChainedAuditEvent(Long.parseLong(text(fields, "sequence")), event,
                    text(fields, "previousHash"), text(fields, "hash"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an audit event: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, ?> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : String.valueOf(value);
    }
}
