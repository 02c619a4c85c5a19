package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface EscalationRepository extends JpaRepository<EscalationEntity, UUID> {

    List<EscalationEntity> findBySessionIdOrderByRaisedAtAscIdAsc(UUID sessionId);
}
