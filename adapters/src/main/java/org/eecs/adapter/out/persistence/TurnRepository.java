package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TurnRepository extends JpaRepository<TurnEntity, UUID> {

    List<TurnEntity> findBySessionIdOrderBySequence(UUID sessionId);
}
