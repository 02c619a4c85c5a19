package org.eecs.application.port.in;

import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.patient.PatientId;

/**
 * A request for care records that was turned away before any use case ran (no valid token, or the wrong role)
 * is still an access attempt: it is audited as DENIED, in a unit of work of its own.
 */
public interface RecordingRefusedAccess {

    void refused(Caller caller, AuditAction action, EntityRef entity, PatientId patient);
}
