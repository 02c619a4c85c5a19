package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.eecs.application.port.out.ReviewNotes;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.session.CareSessionId;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class ReviewNotePersistenceAdapter implements ReviewNotes {

    private final ReviewNoteRepository notes;
    private final EntityManager entityManager;

    ReviewNotePersistenceAdapter(ReviewNoteRepository notes, EntityManager entityManager) {
        this.notes = notes;
        this.entityManager = entityManager;
    }

    /** A note is written once and never changed. */
    @Override
    public void add(ReviewNote note) {
        ReviewNoteEntity entity = new ReviewNoteEntity();
        entity.id = note.id();
        entity.sessionId = note.session().value();
        entity.author = note.author().value();
        entity.writtenAt = note.writtenAt();
        entity.text = note.text();
        entityManager.persist(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ReviewNote> of(CareSessionId session) {
        return notes.findBySessionIdOrderByWrittenAtAscIdAsc(session.value()).stream()
                .map(entity -> new ReviewNote(entity.id, new CareSessionId(entity.sessionId),
                        new ClinicianId(entity.author), entity.writtenAt, entity.text))
                .toList();
    }
}
