package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class CareTeamTest {

    private final PatientId rose = PatientId.newId();
    private final ClinicianId drChen = new ClinicianId("dr.chen");
    private final ClinicianId nurseAli = new ClinicianId("nurse.ali");

    @Test
    void emptyTeamIncludesNobody() {
        assertThat(CareTeam.empty(rose).includes(drChen)).isFalse();
        assertThat(CareTeam.empty(rose).includes(null)).isFalse();
    }

    @Test
    void addedClinicianIsIncluded_andTheOriginalTeamIsUnchanged() {
        CareTeam empty = CareTeam.empty(rose);

        CareTeam team = empty.with(drChen);

        assertThat(team.includes(drChen)).isTrue();
        assertThat(team.includes(nurseAli)).isFalse();
        assertThat(empty.includes(drChen)).isFalse();
    }

    @Test
    void removedClinicianIsNoLongerIncluded() {
        CareTeam team = CareTeam.empty(rose).with(drChen).with(nurseAli);

        CareTeam reduced = team.without(drChen);

        assertThat(reduced.includes(drChen)).isFalse();
        assertThat(reduced.includes(nurseAli)).isTrue();
    }

    @Test
    void membersAreCopied() {
        Set<ClinicianId> members = new HashSet<>(Set.of(drChen));
        CareTeam team = new CareTeam(rose, members);

        members.add(nurseAli);

        assertThat(team.clinicians()).containsExactly(drChen);
    }

    @Test
    void nullMember_isRejected() {
        Set<ClinicianId> members = new HashSet<>();
        members.add(null);
        assertThatThrownBy(() -> new CareTeam(rose, members)).isInstanceOf(DomainViolation.class);
    }
}
