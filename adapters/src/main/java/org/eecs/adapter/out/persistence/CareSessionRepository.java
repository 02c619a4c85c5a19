package org.eecs.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CareSessionRepository extends JpaRepository<CareSessionEntity, UUID> {

    @Query("""
            select s from CareSessionEntity s
            where s.robotId = :robotId and s.windowStart < :end and s.windowEnd > :start
            order by s.windowStart""")
    List<CareSessionEntity> findOverlapping(String robotId, Instant start, Instant end);
}
