package org.eecs.application.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.eecs.application.fakes.InMemoryCareRecords;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.ReceivingHospitalRecords.RecordHospitalConsent;
import org.eecs.application.port.in.ReceivingHospitalRecords.RegisterHospitalPatient;
import org.eecs.application.port.in.ReceivingHospitalRecords.Registration;
import org.eecs.application.port.in.UnknownRecord;
import org.eecs.application.port.in.VersionConflict;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordPage;
import org.eecs.application.port.records.RecordSearch;
import org.eecs.application.port.records.RecordType;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.junit.jupiter.api.Test;

class SharingCareRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Caller HOSPITAL = Hospital.caller("integration-his", Role.INTEGRATION);
    private static final Caller DR_LI = Hospital.clinician("dr-li");
    private static final Caller DR_KIM = Hospital.clinician("dr-kim");
    private static final HospitalIdentifier MRN = new HospitalIdentifier("urn:oid:1.2.3.4", "MRN-42");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final CareRecordExchange exchange = new CareRecordExchange(new InMemoryCareRecords(hospital.patients,
            hospital.sessions, hospital.consents, hospital.robots, hospital.careTeams, NOW), hospital.patients,
            hospital.consents, hospital.access, hospital.transactions, hospital.clock);

    private static RecordSearch patients(int count) {
        return new RecordSearch(Set.of(RecordType.PATIENT), RecordCriteria.ANY, false, null, null, count, false);
    }

    private AuditEvent lastAudited() {
        List<AuditEvent> audited = hospital.audited();
        return audited.get(audited.size() - 1);
    }

    @Test
    void theHospitalReadsAnyPatient_andTheReadIsAuditedWithThePatient() {
        Patient rose = hospital.patientCaredForBy("Rose", DR_LI);

        assertThat(exchange.read(HOSPITAL, RecordType.PATIENT, rose.id().toString()).patient()).isEqualTo(rose.id());

        assertThat(lastAudited().action()).isEqualTo(AuditAction.READ);
        assertThat(lastAudited().patient()).isEqualTo(rose.id());
        assertThat(lastAudited().actor()).isEqualTo(HOSPITAL.actor());
    }

    @Test
    void aClinicianOutsideTheCareTeam_findsNothing_andTheRefusalIsAudited() {
        Patient rose = hospital.patientCaredForBy("Rose", DR_LI);

        assertThatThrownBy(() -> exchange.read(DR_KIM, RecordType.PATIENT, rose.id().toString()))
                .isInstanceOf(UnknownRecord.class);
        assertThat(lastAudited().outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(lastAudited().patient()).isEqualTo(rose.id());

        RecordPage page = exchange.search(DR_KIM, patients(10), "Patient");
        assertThat(page.records()).isEmpty();
    }

    @Test
    void aRecordThatDoesNotExist_isAuditedAsAFailedRead() {
        assertThatThrownBy(() -> exchange.read(HOSPITAL, RecordType.ROBOT, "no-such-robot"))
                .isInstanceOf(UnknownRecord.class);
        assertThat(lastAudited().outcome()).isEqualTo(AuditOutcome.FAILURE);
    }

    @Test
    void aSearchIsAuditedOncePerPatientItTouched_andPagesContinueFromTheLastRecordSeen() {
        Patient rose = hospital.patientCaredForBy("Rose", DR_LI);
        Patient sam = hospital.patientCaredForBy("Sam", DR_LI);
        Patient ash = hospital.patientCaredForBy("Ash", DR_LI);
        int before = hospital.audited().size();

        RecordPage first = exchange.search(DR_LI, patients(2), "Patient?_count=2");

        assertThat(first.records()).hasSize(2);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.hasPrevious()).isFalse();
        List<AuditEvent> audited = hospital.audited().subList(before, hospital.audited().size());
        assertThat(audited).extracting(AuditEvent::patient)
                .containsExactlyInAnyOrderElementsOf(first.records().stream().map(r -> r.patient()).toList());
        assertThat(audited).allMatch(event -> event.entity().id().equals("Patient?_count=2"));

        RecordPage second = exchange.search(DR_LI, new RecordSearch(Set.of(RecordType.PATIENT), RecordCriteria.ANY,
                false, first.last(), null, 2, false), "Patient?_count=2");
        assertThat(second.records()).hasSize(1);
        assertThat(second.hasNext()).isFalse();
        assertThat(second.hasPrevious()).isTrue();
        assertThat(List.of(first.records().get(0).patient(), first.records().get(1).patient(),
                second.records().get(0).patient())).containsExactlyInAnyOrder(rose.id(), sam.id(), ash.id());
    }

    @Test
    void onlyTheHospitalAndClinicians_mayRead() {
        assertThatThrownBy(() -> exchange.search(Hospital.robotCaller("robot-ward-a"), patients(10), "Patient"))
                .isInstanceOf(NotPermitted.class);
        assertThat(lastAudited().outcome()).isEqualTo(AuditOutcome.DENIED);
    }

    @Test
    void aConditionalRegistration_registersOnce_andAnUnconditionalSecondOneIsAConflict() {
        Registration first = exchange.registerPatient(new RegisterHospitalPatient(HOSPITAL, MRN, "Rose", 1958,
                Gender.FEMALE, "en", true));
        Registration again = exchange.registerPatient(new RegisterHospitalPatient(HOSPITAL, MRN, "Rose", 1958,
                Gender.FEMALE, "en", true));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.patient().id()).isEqualTo(first.patient().id());
        assertThat(hospital.careTeams.of(first.patient().patient()).clinicians()).isEmpty();
        assertThatThrownBy(() -> exchange.registerPatient(new RegisterHospitalPatient(HOSPITAL, MRN, "Rose", 1958,
                Gender.FEMALE, "en", false))).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> exchange.registerPatient(new RegisterHospitalPatient(DR_LI,
                new HospitalIdentifier("urn:oid:1.2.3.4", "MRN-43"), "Sam", 1958, Gender.MALE, "en", true)))
                .isInstanceOf(NotPermitted.class);
    }

    @Test
    void aConsentRecordedAgainstAVersionNoLongerCurrent_isAVersionConflict_andRecordsNothing() {
        Patient rose = hospital.patientCaredForBy("Rose");
        exchange.recordConsent(new RecordHospitalConsent(HOSPITAL, rose.id(), ConsentStatus.GRANTED,
                Set.of(ConsentScope.AUDIO_CAPTURE), null, 0L));

        assertThatThrownBy(() -> exchange.recordConsent(new RecordHospitalConsent(HOSPITAL, rose.id(),
                ConsentStatus.WITHDRAWN, Set.of(), null, 0L))).isInstanceOf(VersionConflict.class);
        assertThat(hospital.consents.historyOf(rose.id()).versions()).hasSize(1);

        assertThat(exchange.recordConsent(new RecordHospitalConsent(HOSPITAL, rose.id(), ConsentStatus.WITHDRAWN,
                Set.of(), null, 1L)).version()).isEqualTo(2);
        assertThat(exchange.readVersion(HOSPITAL, RecordType.CONSENT, rose.id().toString(), 1).version())
                .isEqualTo(1);
    }
}
