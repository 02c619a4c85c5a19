package org.eecs.domain.patient;

/** As the patient chooses to state it; UNDISCLOSED is a valid answer, not missing data. */
public enum Gender {
    FEMALE,
    MALE,
    OTHER,
    UNDISCLOSED
}
