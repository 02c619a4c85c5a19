package org.eecs.domain.patient;

import java.time.Year;
import org.eecs.domain.Require;

/**
 * The age bands of the study population. Age is counted in whole years from the birth year alone,
 * because the system deliberately does not store a date of birth.
 */
public enum AgeGroup {
    YOUTH(14, 24, "youth (14-24)"),
    ADULT(25, 40, "adult (25-40)"),
    SENIOR(41, 60, "senior (41-60)"),
    OTHER(Integer.MIN_VALUE, Integer.MAX_VALUE, "other (under 14 or over 60)");

    private final int youngest;
    private final int oldest;
    private final String label;

    AgeGroup(int youngest, int oldest, String label) {
        this.youngest = youngest;
        this.oldest = oldest;
        this.label = label;
    }

    public static AgeGroup at(int birthYear, Year year) {
        Require.present("year", year);
        int age = year.getValue() - birthYear;
        for (AgeGroup group : new AgeGroup[] {YOUTH, ADULT, SENIOR}) {
            if (age >= group.youngest && age <= group.oldest) {
                return group;
            }
        }
        return OTHER;
    }

    public String label() {
        return label;
    }
}
