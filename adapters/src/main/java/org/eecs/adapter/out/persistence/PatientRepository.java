package org.eecs.adapter.out.persistence;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PatientRepository extends JpaRepository<PatientEntity, UUID> {

    Optional<PatientEntity> findByIdentifierSystemAndIdentifierValue(String system, String value);

    /** The patient with their preferences, in one query (every care turn reads them: not two). */
    @Query("select p from PatientEntity p left join fetch p.preferences where p.id = :id")
    Optional<PatientEntity> findWithPreferences(UUID id);
}
