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
import org.eecs.domain.session.SessionState;

@Entity
@Table(name = "care_session")
class CareSessionEntity {

    @Id
    UUID id;

    @Column(name = "patient_id")
    UUID patientId;

    @Column(name = "robot_id")
    String robotId;

    @Column(name = "window_start")
    Instant windowStart;

    @Column(name = "window_end")
    Instant windowEnd;

    @Column(name = "care_goal")
    String careGoal;

    @Column(name = "emotion_input")
    boolean emotionInput;

    @Enumerated(EnumType.STRING)
    SessionState state;

    @Column(name = "started_at")
    Instant startedAt;

    @Column(name = "ended_at")
    Instant endedAt;

    @Column(name = "end_reason")
    String endReason;

    @Column(name = "crisis_flagged_at")
    Instant crisisFlaggedAt;

    @Version
    @Column(name = "row_version")
    Long rowVersion;
}
