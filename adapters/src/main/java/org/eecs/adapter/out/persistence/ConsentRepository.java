package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConsentRepository extends JpaRepository<ConsentEntity, ConsentEntity.Key> {

    List<ConsentEntity> findByKeyPatientIdOrderByKeyVersion(UUID patientId);
}
