package org.eecs.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eecs.application.fakes.ImmediateTransactions;
import org.eecs.application.fakes.InMemoryAuditTrail;
import org.eecs.application.fakes.InMemoryConsents;
import org.eecs.application.fakes.InMemoryPatients;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RecordingConsent.GrantConsent;
import org.eecs.application.port.in.RecordingConsent.WithdrawConsent;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;
import org.junit.jupiter.api.Test;

class RecordingConsentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final ClinicianId DR_LI = new ClinicianId("dr-li");
    private static final Caller CALLER = new Caller(new Actor("dr-li", Role.CLINICIAN), "10.1.2.3", "req-7", "treatment");

    private final InMemoryPatients patients = new InMemoryPatients();
    private final InMemoryConsents consents = new InMemoryConsents();
    private final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
    private final ConsentDesk desk = new ConsentDesk(patients, consents, auditTrail, new ImmediateTransactions(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Patient patient = Patient.register("Robin", 1990, Gender.FEMALE, "en", Preferences.none());

    @Test
    void aGrantedConsentIsVersionOneAndAudited() {
        patients.save(patient);

        Consent consent = desk.grant(new GrantConsent(CALLER, DR_LI, patient.id(),
                Set.of(ConsentScope.AUDIO_CAPTURE, ConsentScope.RECORDING_RETENTION), Duration.ofDays(30)));

        assertThat(consent.version()).isEqualTo(1);
        assertThat(consents.historyOf(patient.id()).permits(ConsentScope.AUDIO_CAPTURE, NOW)).isTrue();
        assertThat(auditTrail.events()).singleElement().satisfies(chained -> {
            assertThat(chained.event().action()).isEqualTo(AuditAction.CREATE);
            assertThat(chained.event().entity().id()).isEqualTo(patient.id() + "/1");
            assertThat(chained.event().patient()).isEqualTo(patient.id());
        });
    }

    @Test
    void whenConsentWithdrawn_captureIsNoLongerPermittedFromThatInstant() {
        patients.save(patient);
        desk.grant(new GrantConsent(CALLER, DR_LI, patient.id(), Set.of(ConsentScope.AUDIO_CAPTURE), null));

        Consent withdrawal = desk.withdraw(new WithdrawConsent(CALLER, DR_LI, patient.id()));

        assertThat(withdrawal.version()).isEqualTo(2);
        assertThat(withdrawal.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(consents.historyOf(patient.id()).permits(ConsentScope.AUDIO_CAPTURE, NOW)).isFalse();
        assertThat(auditTrail.events()).extracting(chained -> chained.event().action())
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
    }

    @Test
    void consentForAnUnknownPatientIsRefused() {
        PatientId stranger = PatientId.newId();

        assertThatThrownBy(() -> desk.grant(
                new GrantConsent(CALLER, DR_LI, stranger, Set.of(ConsentScope.AUDIO_CAPTURE), null)))
                .isInstanceOf(UnknownPatient.class);
        assertThat(auditTrail.events()).isEmpty();
    }

    @Test
    void withdrawingWhatWasNeverGrantedIsRefused() {
        patients.save(patient);

        assertThatThrownBy(() -> desk.withdraw(new WithdrawConsent(CALLER, DR_LI, patient.id())))
                .isInstanceOf(DomainViolation.class);
        assertThat(auditTrail.events()).isEmpty();
    }
}
