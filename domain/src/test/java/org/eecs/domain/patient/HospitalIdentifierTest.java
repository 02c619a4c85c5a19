package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HospitalIdentifierTest {

    @Test
    void anIdentifierIsASystemUriAndAValue() {
        HospitalIdentifier mrn = new HospitalIdentifier("urn:oid:1.2.36.146.595.217.0.1", "MRN-0042");
        assertThat(mrn.toString()).isEqualTo("urn:oid:1.2.36.146.595.217.0.1|MRN-0042");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mrn", "hospital mrn", "https://hospital.example/a b", "urn:x|y", "1http://x"})
    void whenTheSystemIsNotAnAbsoluteUri_itIsRefused(String system) {
        assertThatThrownBy(() -> new HospitalIdentifier(system, "42")).isInstanceOf(DomainViolation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 42", "42 ", "4\n2"})
    void whenTheValueIsBlankPaddedOrHasControlCharacters_itIsRefused(String value) {
        assertThatThrownBy(() -> new HospitalIdentifier("urn:oid:1.2.3", value)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void aPatientRegisteredByTheHospitalCarriesItsIdentifier_andKeepsItWhenPreferencesChange() {
        HospitalIdentifier mrn = new HospitalIdentifier("https://hospital.example/mrn", "0042");
        Patient patient = Patient.registerFromHospital(mrn, "Rose", 1950, Gender.FEMALE, "en");
        assertThat(patient.hospitalIdentifier()).isEqualTo(mrn);
        assertThat(patient.withPreferences(new Preferences(java.util.List.of("gardening"))).hospitalIdentifier())
                .isEqualTo(mrn);
        assertThat(Patient.register("Sam", 1950, Gender.MALE, "en", Preferences.none()).hospitalIdentifier()).isNull();
    }
}
