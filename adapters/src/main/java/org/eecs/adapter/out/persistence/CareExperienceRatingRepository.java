package org.eecs.adapter.out.persistence;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CareExperienceRatingRepository extends JpaRepository<CareExperienceRatingEntity, UUID> {
}
