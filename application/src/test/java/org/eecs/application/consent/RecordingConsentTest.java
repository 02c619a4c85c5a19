package org.eecs.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.session.CareSessionDesk;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.SessionState;
import org.junit.jupiter.api.Test;

class RecordingConsentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final ClinicianId DR_LI = new ClinicianId("dr-li");
    private static final Caller CALLER = new Caller(new Actor("dr-li", Role.CLINICIAN), "10.1.2.3", "req-7", "treatment");
    private static final Caller DR_WU = Hospital.clinician("dr-wu");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final CareSessionDesk sessions = new CareSessionDesk(hospital.sessions, hospital.robots, hospital.consents,
            hospital.access, hospital.transactions, hospital.clock);
    private final ConsentDesk desk = new ConsentDesk(hospital.consents, hospital.access, hospital.transactions,
            hospital.clock, sessions);
    private final Patient patient = hospital.patientCaredForBy("Robin", CALLER);

    @Test
    void aGrantedConsentIsVersionOneAndAudited() {
        Consent consent = desk.grant(CALLER, patient.id(),
                Set.of(ConsentScope.AUDIO_CAPTURE, ConsentScope.RECORDING_RETENTION), Duration.ofDays(30));

        assertThat(consent.version()).isEqualTo(1);
        assertThat(consent.recordedBy()).as("the caller records the version").isEqualTo(DR_LI);
        assertThat(hospital.consents.historyOf(patient.id()).permits(ConsentScope.AUDIO_CAPTURE, NOW)).isTrue();
        assertThat(hospital.auditTrail.events()).singleElement().satisfies(chained -> {
            assertThat(chained.event().action()).isEqualTo(AuditAction.CREATE);
            assertThat(chained.event().entity().type()).isEqualTo("Consent");
            assertThat(chained.event().patient()).isEqualTo(patient.id());
            assertThat(chained.event().outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void theConsentEventNamesTheVersionItRecords() {
        desk.grant(CALLER, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null);
        desk.withdraw(CALLER, patient.id());

        assertThat(hospital.audited()).extracting(event -> event.entity().id())
                .containsExactly(patient.id() + "/1", patient.id() + "/2");
    }

    @Test
    void whenConsentWithdrawn_captureIsNoLongerPermittedFromThatInstant() {
        desk.grant(CALLER, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null);

        Consent withdrawal = desk.withdraw(CALLER, patient.id());

        assertThat(withdrawal.version()).isEqualTo(2);
        assertThat(withdrawal.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(hospital.consents.historyOf(patient.id()).permits(ConsentScope.AUDIO_CAPTURE, NOW)).isFalse();
        assertThat(hospital.auditTrail.events()).extracting(chained -> chained.event().action())
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
    }

    @Test
    void aWithdrawalFollowingSeveralVersions_isTheNextVersion() {
        desk.grant(CALLER, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null);
        desk.grant(CALLER, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE, ConsentScope.EMOTION_ANALYSIS), null);

        Consent withdrawal = desk.withdraw(CALLER, patient.id());

        assertThat(withdrawal.version()).isEqualTo(3);
        assertThat(hospital.audited()).last().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(event.entity().type()).isEqualTo("Consent");
        });
    }

    @Test
    void consentForAnUnknownPatientIsRefused_andTheAttemptIsAuditedAsAFailure() {
        PatientId stranger = PatientId.newId();

        assertThatThrownBy(() -> desk.grant(CALLER, stranger, Set.of(ConsentScope.AUDIO_CAPTURE), null))
                .isInstanceOf(UnknownPatient.class);

        assertThat(hospital.consents.historyOf(stranger).versions()).isEmpty();
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.CREATE);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
        });
    }

    @Test
    void whenConsentIsWithdrawn_theRunningSessionIsAbortedAtOnce_andTheAbortIsAudited() {
        Robot robot = hospital.robot("pepper-1");
        desk.grant(CALLER, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null);
        CareSession running = hospital.stored(hospital.scheduled(patient, robot, NOW.minusSeconds(600))
                .start(NOW.minusSeconds(300)));
        CareSession later = hospital.scheduled(patient, hospital.robot("nao-2"), NOW.plus(Duration.ofDays(1)));

        Consent withdrawal = desk.withdraw(CALLER, patient.id());

        CareSession aborted = hospital.sessions.find(running.id()).orElseThrow();
        assertThat(aborted.state()).isEqualTo(SessionState.ABORTED);
        assertThat(aborted.endReason()).isEqualTo("consent withdrawn (version 2)");
        assertThat(aborted.endedAt()).isEqualTo(withdrawal.effectiveFrom());
        assertThat(hospital.sessions.find(later.id()).orElseThrow().state())
                .as("a later session cannot start without consent anyway").isEqualTo(SessionState.SCHEDULED);
        assertThat(hospital.audited()).last().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(event.entity()).isEqualTo(EntityRef.careSession(running.id()));
            assertThat(event.actor().id()).isEqualTo("dr-li");
        });
    }

    @Test
    void withdrawingWhatWasNeverGrantedIsRefused() {
        assertThatThrownBy(() -> desk.withdraw(CALLER, patient.id()))
                .isInstanceOf(DomainViolation.class);

        assertThat(hospital.auditTrail.events()).isEmpty();
        assertThat(hospital.transactions.discardedAuditEvents()).as("the opening went with the failed unit")
                .singleElement().satisfies(event -> assertThat(event.action()).isEqualTo(AuditAction.UPDATE));
    }

    @Test
    void aGrantWithoutTheRetentionItNeedsIsRefused_andNothingIsStored() {
        assertThatThrownBy(() -> desk.grant(CALLER, patient.id(), Set.of(ConsentScope.RECORDING_RETENTION), null))
                .isInstanceOf(DomainViolation.class);

        assertThat(hospital.consents.historyOf(patient.id()).versions()).isEmpty();
        assertThat(hospital.audited()).isEmpty();
    }

    @Test
    void theCurrentConsentAndTheHistory_areAuditedReads() {
        desk.grant(CALLER, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null);
        Consent withdrawal = desk.withdraw(CALLER, patient.id());

        assertThat(desk.current(CALLER, patient.id())).contains(withdrawal);
        ConsentHistory history = desk.history(CALLER, patient.id());

        assertThat(history.versions()).extracting(Consent::version).containsExactly(1, 2);
        assertThat(hospital.audited()).extracting(AuditEvent::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.READ, AuditAction.READ);
        assertThat(hospital.audited().subList(2, 4)).allSatisfy(event -> {
            assertThat(event.entity()).isEqualTo(new EntityRef("Consent", patient.id().toString()));
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void withoutAnyConsent_thereIsNoCurrentOne_andTheHistoryIsEmpty() {
        assertThat(desk.current(CALLER, patient.id())).isEmpty();
        assertThat(desk.history(CALLER, patient.id()).versions()).isEmpty();
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotRecordOrReadConsent_andEachRefusalIsAudited() {
        assertThatThrownBy(() -> desk.grant(DR_WU, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null))
                .isInstanceOf(UnknownPatient.class);
        assertThatThrownBy(() -> desk.withdraw(DR_WU, patient.id())).isInstanceOf(UnknownPatient.class);
        assertThatThrownBy(() -> desk.current(DR_WU, patient.id())).isInstanceOf(UnknownPatient.class);
        assertThatThrownBy(() -> desk.history(DR_WU, patient.id())).isInstanceOf(UnknownPatient.class);

        assertThat(hospital.consents.historyOf(patient.id()).versions()).isEmpty();
        assertThat(hospital.audited()).extracting(AuditEvent::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.READ, AuditAction.READ);
        assertThat(hospital.audited()).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo(DR_WU.actor());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(event.patient()).isEqualTo(patient.id());
        });
    }
}
