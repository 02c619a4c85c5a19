package org.eecs.application.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.eecs.application.testing.Hospital.clinician;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.port.in.ViewingPatients.PatientFilter;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Patient;
import org.junit.jupiter.api.Test;

class ViewingPatientsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller DR_LI = clinician("dr-li");
    private static final Caller DR_WU = clinician("dr-wu");
    private static final Caller DR_ZHAO = clinician("dr-zhao");
    private static final PageRequest FIRST_PAGE = new PageRequest(0, 20);

    private Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private PatientRegistry registry = registryOf(hospital);

    @Test
    void aClinicianInTheCareTeam_readsThePatient_andTheReadIsAudited() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);

        Patient read = registry.read(DR_LI, robin.id());

        assertThat(read).isEqualTo(robin);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.READ);
            assertThat(event.entity()).isEqualTo(EntityRef.patient(robin.id()));
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void aClinicianOutsideTheCareTeam_getsNotFound_andTheRefusalIsAudited() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);

        assertThatThrownBy(() -> registry.read(DR_WU, robin.id())).isInstanceOf(UnknownPatient.class);

        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(DR_WU.actor());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        });
    }

    @Test
    void theListHoldsOnlyThePatientsOfTheCallersCareTeam_byAlias() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
        Patient ada = hospital.patientCaredForBy("Ada", DR_LI, DR_WU);
        hospital.patientCaredForBy("Kim", DR_WU);

        Page<Patient> page = registry.list(DR_LI, PatientFilter.none(), FIRST_PAGE);

        assertThat(page.items()).containsExactly(ada, robin);
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void everyListedPatientIsAnAuditedRead() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
        Patient ada = hospital.patientCaredForBy("Ada", DR_LI);

        registry.list(DR_LI, PatientFilter.none(), FIRST_PAGE);

        assertThat(hospital.audited()).extracting(AuditEvent::action, AuditEvent::entity, AuditEvent::patient)
                .containsExactly(
                        tuple(AuditAction.READ, EntityRef.patient(ada.id()), ada.id()),
                        tuple(AuditAction.READ, EntityRef.patient(robin.id()),
                                robin.id()));
        assertThat(hospital.audited()).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo(DR_LI.actor());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void anEmptyListAuditsNothing() {
        hospital.patientCaredForBy("Kim", DR_WU);

        Page<Patient> page = registry.list(DR_LI, PatientFilter.none(), FIRST_PAGE);

        assertThat(page.items()).isEmpty();
        assertThat(hospital.audited()).isEmpty();
    }

    @Test
    void theAliasFilterMatchesAnyPartOfTheAlias_inAnyCase() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
        Patient roberta = hospital.patientCaredForBy("Roberta", DR_LI);
        Patient carob = hospital.patientCaredForBy("carob tree", DR_LI);
        hospital.patientCaredForBy("Kim", DR_LI);

        Page<Patient> page = registry.list(DR_LI, new PatientFilter("ROB", null, null), FIRST_PAGE);

        assertThat(page.items()).containsExactlyInAnyOrder(robin, roberta, carob);
    }

    @Test
    void theAgeGroupFilter_keepsThePatientsOfThatGroupThisYear() {
        Patient adult = hospital.patientCaredForBy("Adult", 1990, DR_LI);
        Patient youngAdult = hospital.patientCaredForBy("Young adult", 2001, DR_LI); // 25 in 2026
        hospital.patientCaredForBy("Youth", 2002, DR_LI); // 24 in 2026
        hospital.patientCaredForBy("Senior", 1970, DR_LI);

        Page<Patient> page = registry.list(DR_LI, new PatientFilter(null, AgeGroup.ADULT, null), FIRST_PAGE);

        assertThat(page.items()).containsExactly(adult, youngAdult);
    }

    @Test
    void theAgeGroupIsReckonedInTheHospitalsYear_notInUtc() {
        // 2026-12-31T20:00Z is already 2027-01-01 in Shanghai, where someone born in 2002 turns 25.
        hospital = new Hospital(Clock.fixed(Instant.parse("2026-12-31T20:00:00Z"), ZoneId.of("Asia/Shanghai")));
        registry = registryOf(hospital);
        Patient born2002 = hospital.patientCaredForBy("Born 2002", 2002, DR_LI);

        assertThat(registry.list(DR_LI, new PatientFilter(null, AgeGroup.ADULT, null), FIRST_PAGE).items())
                .containsExactly(born2002);
        assertThat(registry.list(DR_LI, new PatientFilter(null, AgeGroup.YOUTH, null), FIRST_PAGE).items())
                .isEmpty();
    }

    @Test
    void theCareTeamMemberFilter_keepsThePatientsTheCallerSharesWithThatClinician() {
        Patient shared = hospital.patientCaredForBy("Shared", DR_LI, DR_WU);
        hospital.patientCaredForBy("Mine", DR_LI, DR_ZHAO);
        hospital.patientCaredForBy("Theirs", DR_WU);

        Page<Patient> page = registry.list(DR_LI, new PatientFilter(null, null, DR_WU.clinician()), FIRST_PAGE);

        assertThat(page.items()).containsExactly(shared);
    }

    @Test
    void filtersCombine() {
        Patient match = hospital.patientCaredForBy("Robin", 1990, DR_LI, DR_WU);
        hospital.patientCaredForBy("Robin senior", 1960, DR_LI, DR_WU);
        hospital.patientCaredForBy("Robin alone", 1990, DR_LI);
        hospital.patientCaredForBy("Ada", 1990, DR_LI, DR_WU);

        Page<Patient> page = registry.list(DR_LI, new PatientFilter("robin", AgeGroup.ADULT, DR_WU.clinician()),
                FIRST_PAGE);

        assertThat(page.items()).containsExactly(match);
    }

    @Test
    void theListIsPaged_andOnlyThePatientsOnThePageAreAudited() {
        List<Patient> byAlias = List.of("A", "B", "C", "D", "E").stream()
                .map(alias -> hospital.patientCaredForBy(alias, DR_LI))
                .toList();

        Page<Patient> second = registry.list(DR_LI, PatientFilter.none(), new PageRequest(1, 2));

        assertThat(second.items()).containsExactly(byAlias.get(2), byAlias.get(3));
        assertThat(second.number()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.total()).isEqualTo(5);
        assertThat(hospital.audited()).extracting(AuditEvent::patient)
                .containsExactly(byAlias.get(2).id(), byAlias.get(3).id());
    }

    @Test
    void theLastPageHoldsWhatIsLeft_andAPageBeyondItIsEmpty() {
        List.of("A", "B", "C", "D", "E").forEach(alias -> hospital.patientCaredForBy(alias, DR_LI));

        Page<Patient> last = registry.list(DR_LI, PatientFilter.none(), new PageRequest(2, 2));
        Page<Patient> beyond = registry.list(DR_LI, PatientFilter.none(), new PageRequest(3, 2));

        assertThat(last.items()).extracting(Patient::alias).containsExactly("E");
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void updatedPreferencesAreStored_andTheUpdateIsAudited() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);

        Patient updated = registry.updatePreferences(DR_LI, robin.id(), List.of("likes gardening", "short answers"));

        assertThat(updated.preferences().notes()).containsExactly("likes gardening", "short answers");
        assertThat(hospital.patients.find(robin.id())).contains(updated);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(event.entity()).isEqualTo(EntityRef.patient(robin.id()));
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotUpdatePreferences_andTheRefusalIsAudited() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);

        assertThatThrownBy(() -> registry.updatePreferences(DR_WU, robin.id(), List.of("likes gardening")))
                .isInstanceOf(UnknownPatient.class);

        assertThat(hospital.patients.find(robin.id())).contains(robin);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.UPDATE);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
        });
    }

    @Test
    void invalidPreferencesAreRefused_andNothingIsAudited() {
        Patient robin = hospital.patientCaredForBy("Robin", DR_LI);

        assertThatThrownBy(() -> registry.updatePreferences(DR_LI, robin.id(), List.of(" ")))
                .isInstanceOf(DomainViolation.class);

        assertThat(hospital.patients.find(robin.id())).contains(robin);
        assertThat(hospital.audited()).isEmpty();
    }

    private static PatientRegistry registryOf(Hospital hospital) {
        return new PatientRegistry(hospital.patients, hospital.careTeams, hospital.access, hospital.transactions,
                hospital.clock);
    }
}
