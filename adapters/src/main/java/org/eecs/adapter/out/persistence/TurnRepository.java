package org.eecs.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TurnRepository extends JpaRepository<TurnEntity, UUID> {

    List<TurnEntity> findBySessionIdOrderBySequence(UUID sessionId);

    List<TurnEntity> findBySessionIdOrderBySequenceDesc(UUID sessionId, Pageable page);

    /** Only the first report counts. */
    @Modifying
    @Query("""
            update TurnEntity t set t.interruptedAt = :at, t.interruptedAfterMicros = :afterMicros
            where t.id = :id and t.interruptedAt is null""")
    int interrupt(UUID id, Instant at, long afterMicros);
}
