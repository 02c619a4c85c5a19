package org.eecs.application.port.in;

import java.time.Instant;
import java.util.Objects;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/**
 * Who asks for a use case, from where and why: everything the audit trail must know about a request
 * besides what the use case itself does.
 *
 * @param actor         who acts, in which role
 * @param sourceAddress the caller's network address, if known
 * @param requestId     the request's correlation id, if known
 * @param purpose       the declared purpose of use (for example "treatment", "audit"), if given
 */
public record Caller(Actor actor, String sourceAddress, String requestId, String purpose) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
    }

    public boolean actsAs(Role role) {
        return actor.role() == role;
    }

    /** The caller as a clinician; only meaningful when {@link #actsAs} CLINICIAN. */
    public ClinicianId clinician() {
        return new ClinicianId(actor.id());
    }

    /** The audit event for something this caller did. */
    public AuditEvent audit(AuditAction action, EntityRef entity, PatientId patient, AuditOutcome outcome, Instant at) {
        return new AuditEvent(actor, action, entity, patient, outcome, at, sourceAddress, purpose, requestId);
    }
}
