package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReviewNoteRepository extends JpaRepository<ReviewNoteEntity, UUID> {

    List<ReviewNoteEntity> findBySessionIdOrderByWrittenAtAscIdAsc(UUID sessionId);
}
