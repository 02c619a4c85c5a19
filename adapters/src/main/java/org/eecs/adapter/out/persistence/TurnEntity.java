package org.eecs.adapter.out.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapKeyEnumerated;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Stage;

@Entity
@Table(name = "turn")
class TurnEntity {

    @Id
    UUID id;

    @Column(name = "session_id")
    UUID sessionId;

    int sequence;

    @Column(name = "occurred_at")
    Instant occurredAt;

    String utterance;

    @Column(name = "response_text")
    String responseText;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_tone")
    Tone responseTone;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_face")
    FacialExpression responseFace;

    @Enumerated(EnumType.STRING)
    @Column(name = "response_motion")
    Motion responseMotion;

    @Column(name = "emotion_withheld")
    boolean emotionWithheld;

    @Enumerated(EnumType.STRING)
    @Column(name = "reasoner_kind")
    AnsweredBy.Kind reasonerKind;

    @Column(name = "reasoner_name")
    String reasonerName;

    @Column(name = "template_version")
    String templateVersion;

    @Column(name = "fallback_reason")
    String fallbackReason;

    @Column(name = "escalation_id")
    UUID escalationId;

    @Column(name = "interrupted_at")
    Instant interruptedAt;

    @Column(name = "interrupted_after_micros")
    Long interruptedAfterMicros;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "turn_id", nullable = false)
    @OrderColumn(name = "position", nullable = false)
    List<EmotionObservationEntity> observations = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "turn_stage_latency", joinColumns = @JoinColumn(name = "turn_id"))
    @MapKeyColumn(name = "stage")
    @MapKeyEnumerated(EnumType.STRING)
    @Column(name = "micros")
    Map<Stage, Long> latencyMicros = new EnumMap<>(Stage.class);
}
