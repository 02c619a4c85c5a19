package org.eecs.adapter.out.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.domain.emotion.Modality;

@Entity
@Table(name = "emotion_observation")
class EmotionObservationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Enumerated(EnumType.STRING)
    Modality modality;

    double confidence;

    @Column(name = "model_name")
    String modelName;

    @Column(name = "model_version")
    String modelVersion;

    @Column(name = "window_start")
    Instant windowStart;

    @Column(name = "window_end")
    Instant windowEnd;

    /** The distribution in the model's class order. */
    @ElementCollection
    @CollectionTable(name = "emotion_probability", joinColumns = @JoinColumn(name = "observation_id"))
    @OrderColumn(name = "position")
    List<Probability> probabilities = new ArrayList<>();

    @Embeddable
    record Probability(@Column(name = "emotion_class") String emotionClass, double probability) {
    }
}
