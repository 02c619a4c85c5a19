package org.eecs.application.port.records;

/** The kinds of care record shared with the hospital's information system. */
public enum RecordType {
    PATIENT("Patient"),
    CARE_SESSION("CareSession"),
    EMOTION_OBSERVATION("EmotionObservation"),
    CARE_EXPERIENCE_RATING("CareExperienceRating"),
    CONSENT("Consent"),
    ROBOT("Robot");

    private final String entityType;

    RecordType(String entityType) {
        this.entityType = entityType;
    }

    /** The entity type the audit trail names it by. */
    public String entityType() {
        return entityType;
    }
}
