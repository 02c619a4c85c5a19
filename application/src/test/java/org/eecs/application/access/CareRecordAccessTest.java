package org.eecs.application.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.eecs.application.testing.Hospital.clinician;
import static org.eecs.application.testing.Hospital.robotCaller;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;

class CareRecordAccessTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller DR_LI = clinician("dr-li");
    private static final Caller DR_WU = clinician("dr-wu");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final CareRecordAccess access = hospital.access;
    private final Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
    private final Robot pepper = hospital.robot("pepper-1");
    private final Robot nao = hospital.robot("nao-2");

    @Test
    void aClinicianInTheCareTeam_opensThePatient_andTheOpeningIsAudited() {
        Patient opened = hospital.transactions.inOne(() ->
                access.patient(DR_LI, robin.id(), AuditAction.READ, EntityRef.patient(robin.id())));

        assertThat(opened).isEqualTo(robin);
        assertThat(hospital.audited()).containsExactly(new AuditEvent(DR_LI.actor(), AuditAction.READ,
                EntityRef.patient(robin.id()), robin.id(), AuditOutcome.SUCCESS, NOW, "10.1.2.3", "treatment",
                "req-dr-li"));
        assertThat(hospital.transactions.separateUnits()).isZero();
    }

    @Test
    void anOpeningIsAuditedInTheCallersUnit_soItIsNotKeptWhenThatUnitFails() {
        assertThatThrownBy(() -> hospital.transactions.inOne(() -> {
            access.patient(DR_LI, robin.id(), AuditAction.UPDATE, EntityRef.patient(robin.id()));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(hospital.audited()).isEmpty();
        assertThat(hospital.transactions.discardedAuditEvents()).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void aClinicianOutsideTheCareTeam_getsUnknownPatient_andTheDenialSurvivesTheFailedUnit() {
        assertThatThrownBy(() -> hospital.transactions.inOne(() ->
                access.patient(DR_WU, robin.id(), AuditAction.READ, EntityRef.patient(robin.id()))))
                .isInstanceOf(UnknownPatient.class);

        assertThat(hospital.transactions.rolledBack()).isEqualTo(1);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(DR_WU.actor());
            assertThat(event.action()).isEqualTo(AuditAction.READ);
            assertThat(event.entity()).isEqualTo(EntityRef.patient(robin.id()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        });
    }

    @Test
    void aPatientThatDoesNotExist_isUnknown_andTheAttemptIsAuditedAsAFailure() {
        PatientId nobody = PatientId.newId();

        assertThatThrownBy(() -> hospital.transactions.inOne(() ->
                access.patient(DR_LI, nobody, AuditAction.READ, EntityRef.patient(nobody))))
                .isInstanceOf(UnknownPatient.class);

        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(event.patient()).isEqualTo(nobody);
        });
    }

    @Test
    void aRefusedPatient_looksToTheCallerExactlyLikeOneThatDoesNotExist() {
        PatientId nobody = PatientId.newId();

        Throwable refused = catchRefusal(() -> access.patient(DR_WU, robin.id(), AuditAction.READ,
                EntityRef.patient(robin.id())));
        Throwable missing = catchRefusal(() -> access.patient(DR_WU, nobody, AuditAction.READ,
                EntityRef.patient(nobody)));

        assertThat(refused).hasSameClassAs(missing);
        assertThat(refused.getMessage().replace(robin.id().toString(), "<id>"))
                .isEqualTo(missing.getMessage().replace(nobody.toString(), "<id>"));
    }

    @Test
    void aCareTeamMemberActingInAnotherRole_isNotLetIn() {
        Caller liAsAdmin = Hospital.caller("dr-li", Role.ADMIN);

        assertThatThrownBy(() -> access.patient(liAsAdmin, robin.id(), AuditAction.READ,
                EntityRef.patient(robin.id()))).isInstanceOf(UnknownPatient.class);
        assertThat(hospital.audited()).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED));
    }

    @Test
    void aRobot_opensItsOwnSession_andTheOpeningIsAudited() {
        CareSession session = hospital.scheduled(robin, pepper, NOW);

        CareSession opened = hospital.transactions.inOne(() -> access.session(robotCaller("pepper-1"), session.id(),
                AuditAction.READ, EntityRef.careSession(session.id())));

        assertThat(opened).isEqualTo(session);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.actor().role()).isEqualTo(Role.ROBOT);
            assertThat(event.entity()).isEqualTo(EntityRef.careSession(session.id()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void aRobot_isRefusedAnotherRobotsSession_andTheDenialIsAudited() {
        CareSession session = hospital.scheduled(robin, pepper, NOW);

        assertThatThrownBy(() -> hospital.transactions.inOne(() -> access.session(robotCaller("nao-2"), session.id(),
                AuditAction.READ, EntityRef.careSession(session.id()))))
                .isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(event.patient()).isEqualTo(robin.id());
        });
    }

    @Test
    void aRobotCannotOpenAPatientRecord() {
        assertThatThrownBy(() -> access.patient(robotCaller("pepper-1"), robin.id(), AuditAction.READ,
                EntityRef.patient(robin.id()))).isInstanceOf(UnknownPatient.class);
    }

    @Test
    void aClinician_opensTheSessionsOfCareTeamPatientsOnly() {
        Patient kim = hospital.patientCaredForBy("Kim", DR_WU);
        CareSession robinsSession = hospital.scheduled(robin, pepper, NOW);
        CareSession kimsSession = hospital.scheduled(kim, nao, NOW);

        CareSession opened = access.session(DR_LI, robinsSession.id(), AuditAction.READ,
                EntityRef.careSession(robinsSession.id()));
        assertThatThrownBy(() -> hospital.transactions.inOne(() -> access.session(DR_LI, kimsSession.id(),
                AuditAction.READ, EntityRef.careSession(kimsSession.id()))))
                .isInstanceOf(UnknownCareSession.class);

        assertThat(opened).isEqualTo(robinsSession);
        assertThat(hospital.audited()).extracting(AuditEvent::patient, AuditEvent::outcome).containsExactly(
                tuple(robin.id(), AuditOutcome.SUCCESS),
                tuple(kim.id(), AuditOutcome.DENIED));
    }

    @Test
    void aSessionThatDoesNotExist_isUnknown_andTheAttemptIsAuditedAsAFailureWithoutPatient() {
        CareSessionId nothing = CareSessionId.newId();

        assertThatThrownBy(() -> hospital.transactions.inOne(() -> access.session(DR_LI, nothing, AuditAction.READ,
                EntityRef.careSession(nothing)))).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(event.patient()).isNull();
            assertThat(event.entity()).isEqualTo(EntityRef.careSession(nothing));
        });
    }

    private Throwable catchRefusal(Runnable attempt) {
        try {
            hospital.transactions.inOne(() -> {
                attempt.run();
                return null;
            });
        } catch (RuntimeException refusal) {
            return refusal;
        }
        throw new AssertionError("expected a refusal");
    }
}
