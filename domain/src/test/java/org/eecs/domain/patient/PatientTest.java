package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Year;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientTest {

    private static Patient withAlias(String alias) {
        return Patient.register(alias, 1950, Gender.FEMALE, "en", Preferences.none());
    }

    private static Patient withLanguage(String tag) {
        return Patient.register("Rose", 1950, Gender.FEMALE, tag, Preferences.none());
    }

    @Test
    void registeringGivesANewIdentity() {
        Patient rose = withAlias("Rose");
        Patient other = withAlias("Rose");

        assertThat(rose.id()).isNotEqualTo(other.id());
        assertThat(rose.alias()).isEqualTo("Rose");
        assertThat(rose.preferences()).isEqualTo(Preferences.none());
    }

    @Test
    void emptyAlias_isRejected() {
        assertThatThrownBy(() -> withAlias(""))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("alias must not be blank");
        assertThatThrownBy(() -> withAlias("   ")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> withAlias(null)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void aliasIsStoredTrimmed() {
        assertThat(withAlias("  Rose  ").alias()).isEqualTo("Rose");
    }

    @Test
    void aliasLongerThan80_isRejected() {
        assertThat(withAlias("a".repeat(80)).alias()).hasSize(80);
        assertThat(withAlias(" " + "a".repeat(80) + " ").alias()).hasSize(80);
        assertThatThrownBy(() -> withAlias("a".repeat(81)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("alias must be at most 80 characters, got 81");
    }

    @ParameterizedTest
    @ValueSource(ints = {1899, 2101, 0, -5})
    void birthYearOutside1900To2100_isRejected(int birthYear) {
        assertThatThrownBy(() -> Patient.register("Rose", birthYear, Gender.FEMALE, "en", Preferences.none()))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("birthYear must be between 1900 and 2100, got " + birthYear);
    }

    @Test
    void birthYearBoundsAreInclusive() {
        assertThat(Patient.register("Rose", 1900, Gender.FEMALE, "en", Preferences.none()).birthYear()).isEqualTo(1900);
        assertThat(Patient.register("Rose", 2100, Gender.FEMALE, "en", Preferences.none()).birthYear()).isEqualTo(2100);
    }

    @Test
    void genderAndPreferencesAreRequired() {
        assertThatThrownBy(() -> Patient.register("Rose", 1950, null, "en", Preferences.none()))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("gender");
        assertThatThrownBy(() -> Patient.register("Rose", 1950, Gender.UNDISCLOSED, "en", null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("preferences");
    }

    @ParameterizedTest(name = "\"{0}\" is stored as \"{1}\"")
    @CsvSource({
            "en, en",
            "zh-CN, zh-CN",
            "de, de",
            "EN-us, en-US",
            "yue, yue",
            "zh-Hant-TW, zh-Hant-TW"
    })
    void wellFormedLanguageTags_areAcceptedInCanonicalSpelling(String tag, String stored) {
        assertThat(withLanguage(tag).preferredLanguage()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "english", "en_US", "zh-", "123", "und", "x-private", "en-US-!!", "e"})
    void badLanguageTag_isRejected(String tag) {
        assertThatThrownBy(() -> withLanguage(tag))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("preferredLanguage must be a BCP-47 language tag")
                .hasMessageContaining("\"" + tag + "\"");
    }

    @Test
    void ageGroupFollowsTheBirthYear() {
        Patient bornIn2005 = Patient.register("Sam", 2005, Gender.MALE, "en", Preferences.none());

        assertThat(bornIn2005.ageGroup(Year.of(2025))).isEqualTo(AgeGroup.YOUTH);
        assertThat(bornIn2005.ageGroup(Year.of(2030))).isEqualTo(AgeGroup.ADULT);
    }

    @Test
    void newPreferencesKeepTheSamePatient() {
        Patient rose = withAlias("Rose");
        Preferences gardening = new Preferences(List.of("likes to talk about gardening"));

        Patient updated = rose.withPreferences(gardening);

        assertThat(updated.id()).isEqualTo(rose.id());
        assertThat(updated.preferences()).isEqualTo(gardening);
        assertThat(rose.preferences()).isEqualTo(Preferences.none());
    }
}
