package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConsentRepository extends JpaRepository<ConsentEntity, ConsentEntity.Key> {

    /** The history with each consent's scopes, in one query (each turn reads it: not one query a consent). */
    @EntityGraph(attributePaths = "scopes")
    List<ConsentEntity> findByKeyPatientIdOrderByKeyVersion(UUID patientId);
}
