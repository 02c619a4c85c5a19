package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CareTeamMemberRepository extends JpaRepository<CareTeamMemberEntity, CareTeamMemberEntity.Key> {

    List<CareTeamMemberEntity> findByKeyPatientId(UUID patientId);
}
