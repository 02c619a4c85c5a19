package org.eecs.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "care_experience_rating")
class CareExperienceRatingEntity {

    @Id
    @Column(name = "session_id")
    UUID sessionId;

    short score;

    @Column(name = "rated_at")
    Instant ratedAt;

    String comment;
}
