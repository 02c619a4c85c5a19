package org.eecs.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.eecs.domain.safety.CrisisCategory;
import org.eecs.domain.safety.EscalationState;

@Entity
@Table(name = "escalation")
class EscalationEntity {

    @Id
    UUID id;

    @Column(name = "session_id")
    UUID sessionId;

    @Column(name = "patient_id")
    UUID patientId;

    @Enumerated(EnumType.STRING)
    CrisisCategory category;

    String evidence;

    String utterance;

    @Column(name = "raised_at")
    Instant raisedAt;

    @Enumerated(EnumType.STRING)
    EscalationState state;

    @Column(name = "acknowledged_by")
    String acknowledgedBy;

    @Column(name = "acknowledged_at")
    Instant acknowledgedAt;

    @Column(name = "resolved_by")
    String resolvedBy;

    @Column(name = "resolved_at")
    Instant resolvedAt;

    String resolution;

    @Version
    @Column(name = "row_version")
    Long rowVersion;
}
