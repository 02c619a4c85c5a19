package org.eecs.domain.patient;

import java.time.Year;
import java.util.Locale;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * A person in care, known to the system by an alias only. The birth year (not the date) is kept because
 * the care approach differs by age group; the preferred language decides what the robot speaks.
 *
 * <p>The alias is stored trimmed and the language tag in its canonical BCP-47 spelling (e.g. "zh-CN"). A patient
 * registered by the hospital's information system also carries the hospital's identifier; one registered by a
 * clinician has none ({@code hospitalIdentifier} is null).
 */
public record Patient(PatientId id, String alias, int birthYear, Gender gender, String preferredLanguage,
                      Preferences preferences, HospitalIdentifier hospitalIdentifier) {

    public static final int MAX_ALIAS_LENGTH = 80;
    public static final int EARLIEST_BIRTH_YEAR = 1900;
    public static final int LATEST_BIRTH_YEAR = 2100;

    public Patient {
        Require.present("patient id", id);
        alias = Require.text("alias", alias, Integer.MAX_VALUE).strip();
        Require.text("alias", alias, MAX_ALIAS_LENGTH);
        if (birthYear < EARLIEST_BIRTH_YEAR || birthYear > LATEST_BIRTH_YEAR) {
            throw new DomainViolation("birthYear must be between " + EARLIEST_BIRTH_YEAR + " and "
                    + LATEST_BIRTH_YEAR + ", got " + birthYear);
        }
        Require.present("gender", gender);
        preferredLanguage = languageTag(preferredLanguage);
        Require.present("preferences", preferences);
    }

    public static Patient register(String alias, int birthYear, Gender gender, String preferredLanguage,
                                   Preferences preferences) {
        return new Patient(PatientId.newId(), alias, birthYear, gender, preferredLanguage, preferences, null);
    }

    /** A patient the hospital's information system registers under its own identifier. */
    public static Patient registerFromHospital(HospitalIdentifier identifier, String alias, int birthYear,
                                               Gender gender, String preferredLanguage) {
        return new Patient(PatientId.newId(), alias, birthYear, gender, preferredLanguage, Preferences.none(),
                Require.present("hospital identifier", identifier));
    }

    public AgeGroup ageGroup(Year year) {
        return AgeGroup.at(birthYear, year);
    }

    public Patient withPreferences(Preferences newPreferences) {
        return new Patient(id, alias, birthYear, gender, preferredLanguage, newPreferences, hospitalIdentifier);
    }

    public Locale locale() {
        return Locale.forLanguageTag(preferredLanguage);
    }

    /**
     * Accepts a tag only if Java reads all of it back (a round trip) with a two- or three-letter
     * language, so that "en_US", "english" or "en-!!" are refused rather than silently half-parsed.
     */
    private static String languageTag(String tag) {
        Require.present("preferredLanguage", tag);
        Locale locale = Locale.forLanguageTag(tag);
        String canonical = locale.toLanguageTag();
        String language = locale.getLanguage();
        boolean wellFormed = language.length() >= 2 && language.length() <= 3 && canonical.equalsIgnoreCase(tag);
        if (!wellFormed) {
            throw new DomainViolation("preferredLanguage must be a BCP-47 language tag such as \"en\", \"zh-CN\" or "
                    + "\"de\", got " + Require.quote(tag));
        }
        return canonical;
    }
}
