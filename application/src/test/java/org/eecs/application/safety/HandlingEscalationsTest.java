package org.eecs.application.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.application.testing.Hospital.clinician;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownEscalation;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.safety.CrisisCategory;
import org.eecs.domain.safety.CrisisSignal;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSession;
import org.junit.jupiter.api.Test;

class HandlingEscalationsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller DR_LI = clinician("dr-li");
    private static final Caller DR_WU = clinician("dr-wu");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EscalationDesk desk = new EscalationDesk(hospital.escalations, hospital.alerts, hospital.access,
            hospital.transactions, hospital.clock);
    private final Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
    private final Patient sam = hospital.patientCaredForBy("Sam", DR_WU);
    private final CareSession robinsSession = running(robin, "pepper-1");
    private final CareSession samsSession = running(sam, "pepper-2");
    private final Escalation robinsCrisis = raised(robinsSession, CrisisCategory.SUICIDE, NOW.minusSeconds(120));
    private final Escalation samsCrisis = raised(samsSession, CrisisCategory.MEDICAL_EMERGENCY, NOW.minusSeconds(60));

    private CareSession running(Patient patient, String robot) {
        return hospital.stored(hospital.scheduled(patient, hospital.robot(robot), NOW.minusSeconds(900))
                .start(NOW.minusSeconds(900)));
    }

    private Escalation raised(CareSession session, CrisisCategory category, Instant at) {
        Escalation escalation = Escalation.raise(session.id(), session.patient(),
                new CrisisSignal(category, "rule " + category.label()), "help me", at);
        hospital.escalations.save(escalation);
        return escalation;
    }

    @Test
    void theCareTeamSeesTheSessionsEscalations_andTheReadIsAudited() {
        assertThat(desk.ofSession(DR_LI, robinsSession.id())).containsExactly(robinsCrisis);

        AuditEvent read = hospital.audited().getLast();
        assertThat(read.action()).isEqualTo(AuditAction.READ);
        assertThat(read.entity().type()).isEqualTo("Escalation");
        assertThat(read.patient()).isEqualTo(robin.id());
    }

    @Test
    void aClinicianOutsideTheCareTeamFindsNoSuchSession() {
        assertThatThrownBy(() -> desk.ofSession(DR_WU, robinsSession.id())).isInstanceOf(UnknownCareSession.class);
        assertThat(hospital.audited().getLast().outcome()).isEqualTo(AuditOutcome.DENIED);
    }

    @Test
    void onlyClinicians() {
        assertThatThrownBy(() -> desk.ofSession(Hospital.robotCaller("pepper-1"), robinsSession.id()))
                .isInstanceOf(NotPermitted.class);
    }

    @Test
    void aClinicianListsTheOpenEscalationsOfTheirOwnPatientsOnly() {
        Escalation second = raised(robinsSession, CrisisCategory.ABUSE, NOW.minusSeconds(30));

        assertThat(desk.forMyPatients(DR_LI, Set.of(EscalationState.OPEN), new PageRequest(0, 10)).items())
                .containsExactly(robinsCrisis, second);
        assertThat(desk.forMyPatients(DR_WU, Set.of(), new PageRequest(0, 10)).items()).containsExactly(samsCrisis);
        assertThat(hospital.audited()).filteredOn(event -> event.action() == AuditAction.READ).hasSize(3);
    }

    @Test
    void acknowledgeThenResolve_eachAlertedAndAudited() {
        Escalation acknowledged = desk.acknowledge(DR_LI, robinsCrisis.id());
        Escalation resolved = desk.resolve(DR_LI, robinsCrisis.id(), "Sat with Robin; on-call psychiatrist came.");

        assertThat(acknowledged.state()).isEqualTo(EscalationState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo(DR_LI.clinician());
        assertThat(resolved.state()).isEqualTo(EscalationState.RESOLVED);
        assertThat(hospital.escalations.find(robinsCrisis.id())).contains(resolved);
        assertThat(hospital.alerts.alerted()).containsExactly(acknowledged, resolved);
        assertThat(hospital.audited()).filteredOn(event -> event.action() == AuditAction.UPDATE)
                .extracting(AuditEvent::outcome).containsExactly(AuditOutcome.SUCCESS, AuditOutcome.SUCCESS);
        assertThat(desk.forMyPatients(DR_LI, Set.of(EscalationState.OPEN), new PageRequest(0, 10)).items()).isEmpty();
    }

    @Test
    void aResolvedEscalationIsNotResolvedAgain() {
        desk.resolve(DR_LI, robinsCrisis.id(), "Handled.");

        assertThatThrownBy(() -> desk.resolve(DR_LI, robinsCrisis.id(), "Again."))
                .isInstanceOf(Conflict.class).hasMessageContaining("RESOLVED");
        assertThatThrownBy(() -> desk.acknowledge(DR_LI, robinsCrisis.id())).isInstanceOf(Conflict.class);
        assertThat(hospital.alerts.alerted()).hasSize(1);
    }

    @Test
    void anotherTeamsEscalationLooksAsIfItDidNotExist_andTheAttemptIsAudited() {
        assertThatThrownBy(() -> desk.acknowledge(DR_WU, robinsCrisis.id()))
                .isInstanceOf(UnknownEscalation.class).hasMessage("no escalation " + robinsCrisis.id())
                .hasMessageNotContaining(robinsSession.id().toString());
        assertThatThrownBy(() -> desk.acknowledge(DR_WU, EscalationId.newId())).isInstanceOf(UnknownEscalation.class);

        assertThat(hospital.escalations.find(robinsCrisis.id()).orElseThrow().state()).isEqualTo(EscalationState.OPEN);
        assertThat(hospital.audited()).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.DENIED, AuditOutcome.FAILURE);
        assertThat(hospital.alerts.alerted()).isEmpty();
    }
}
