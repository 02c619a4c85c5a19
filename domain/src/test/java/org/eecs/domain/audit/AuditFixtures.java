package org.eecs.domain.audit;

import java.time.Instant;
import org.eecs.domain.patient.PatientId;

final class AuditFixtures {

    static final PatientId ROSE = PatientId.of("123e4567-e89b-12d3-a456-426614174000");
    static final Actor DR_CHEN = new Actor("dr.chen", Role.CLINICIAN);
    static final Instant AT = Instant.parse("2025-03-01T09:30:00.123456789Z");

    private AuditFixtures() {
    }

    /** Dr Chen reads Rose's record for her care. */
    static AuditEvent readingRose() {
        return new AuditEvent(DR_CHEN, AuditAction.READ, EntityRef.patient(ROSE), ROSE, AuditOutcome.SUCCESS, AT,
                "10.0.0.7", "care", null);
    }

    static AuditEvent withPurpose(String purpose) {
        return new AuditEvent(DR_CHEN, AuditAction.READ, EntityRef.patient(ROSE), ROSE, AuditOutcome.SUCCESS, AT,
                "10.0.0.7", purpose, null);
    }
}
