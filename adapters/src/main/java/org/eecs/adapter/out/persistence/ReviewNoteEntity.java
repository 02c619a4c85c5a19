package org.eecs.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "session_review_note")
class ReviewNoteEntity {

    @Id
    UUID id;

    @Column(name = "session_id")
    UUID sessionId;

    String author;

    @Column(name = "written_at")
    Instant writtenAt;

    String text;
}
