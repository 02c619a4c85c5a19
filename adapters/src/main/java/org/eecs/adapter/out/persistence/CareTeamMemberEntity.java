package org.eecs.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "care_team_member")
class CareTeamMemberEntity {

    @EmbeddedId
    Key key;

    CareTeamMemberEntity() {
    }

    CareTeamMemberEntity(UUID patientId, String clinicianId) {
        this.key = new Key(patientId, clinicianId);
    }

    @Embeddable
    record Key(@Column(name = "patient_id") UUID patientId, @Column(name = "clinician_id") String clinicianId) {
    }
}
