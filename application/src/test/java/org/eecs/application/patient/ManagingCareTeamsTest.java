package org.eecs.application.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.application.testing.Hospital.admin;
import static org.eecs.application.testing.Hospital.clinician;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

class ManagingCareTeamsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller ADMIN = admin("admin-ann");
    private static final Caller DR_LI = clinician("dr-li");
    private static final ClinicianId WU = new ClinicianId("dr-wu");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final CareTeamDesk desk = new CareTeamDesk(hospital.patients, hospital.careTeams, hospital.access,
            hospital.transactions);
    private final Patient robin = hospital.patientCaredForBy("Robin", DR_LI);

    @Test
    void anAssignedClinicianJoinsTheCareTeam_andTheChangeIsAudited() {
        CareTeam team = desk.assign(ADMIN, robin.id(), WU);

        assertThat(team.clinicians()).containsExactlyInAnyOrder(DR_LI.clinician(), WU);
        assertThat(hospital.careTeams.of(robin.id())).isEqualTo(team);
        assertThat(hospital.audited()).singleElement().isEqualTo(new AuditEvent(ADMIN.actor(), AuditAction.UPDATE,
                new EntityRef("CareTeam", robin.id().toString()), robin.id(), AuditOutcome.SUCCESS, NOW,
                "10.1.2.3", "treatment", "req-admin-ann"));
    }

    @Test
    void anAssignedClinician_canThenOpenThePatientsRecord() {
        desk.assign(ADMIN, robin.id(), WU);

        assertThat(hospital.access.patient(clinician("dr-wu"), robin.id(), AuditAction.READ,
                EntityRef.patient(robin.id()))).isEqualTo(robin);
    }

    @Test
    void aRemovedClinicianLeavesTheCareTeam_andTheChangeIsAudited() {
        desk.assign(ADMIN, robin.id(), WU);

        CareTeam team = desk.remove(ADMIN, robin.id(), DR_LI.clinician());

        assertThat(team.clinicians()).containsExactly(WU);
        assertThat(hospital.careTeams.of(robin.id()).clinicians()).containsExactly(WU);
        assertThat(hospital.audited()).extracting(AuditEvent::action)
                .containsExactly(AuditAction.UPDATE, AuditAction.UPDATE);
    }

    @Test
    void aRemovedClinician_canNoLongerOpenThePatientsRecord() {
        desk.remove(ADMIN, robin.id(), DR_LI.clinician());

        assertThatThrownBy(() -> hospital.access.patient(DR_LI, robin.id(), AuditAction.READ,
                EntityRef.patient(robin.id()))).isInstanceOf(UnknownPatient.class);
    }

    @Test
    void readingTheCareTeam_showsItsMembers_andIsAudited() {
        CareTeam team = desk.read(ADMIN, robin.id());

        assertThat(team.clinicians()).containsExactly(DR_LI.clinician());
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.READ);
            assertThat(event.entity()).isEqualTo(new EntityRef("CareTeam", robin.id().toString()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void theCareTeamOfAPatientThatDoesNotExist_isUnknown_forEveryOperation() {
        PatientId nobody = PatientId.newId();

        assertThatThrownBy(() -> desk.read(ADMIN, nobody)).isInstanceOf(UnknownPatient.class);
        assertThatThrownBy(() -> desk.assign(ADMIN, nobody, WU)).isInstanceOf(UnknownPatient.class);
        assertThatThrownBy(() -> desk.remove(ADMIN, nobody, WU)).isInstanceOf(UnknownPatient.class);

        assertThat(hospital.careTeams.of(nobody).clinicians()).isEmpty();
        assertThat(hospital.audited()).noneMatch(event -> event.outcome() == AuditOutcome.SUCCESS);
    }
}
