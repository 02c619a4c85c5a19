package org.eecs.application.port.records;

import java.time.Instant;
import java.util.Objects;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;

/**
 * A care record as it is shared with the hospital: the domain record with what the store knows about it, its id,
 * its version (counting from 1) and when it last changed. Records sort by (lastUpdated, id), which is what keeps
 * paging stable while records are added: a new or changed record always sorts after those already seen.
 */
public sealed interface CareRecord {

    RecordType type();

    /** Unique within its type; what the audit trail and the hospital call it. */
    String id();

    long version();

    Instant lastUpdated();

    /** The patient the record is about; null for a robot. */
    PatientId patient();

    default Keyset keyset() {
        return new Keyset(lastUpdated(), id());
    }

    record PatientRecord(Patient value, long version, Instant lastUpdated) implements CareRecord {
        public PatientRecord {
            Objects.requireNonNull(value, "patient");
            Objects.requireNonNull(lastUpdated, "lastUpdated");
        }

        public RecordType type() {
            return RecordType.PATIENT;
        }

        public String id() {
            return value.id().toString();
        }

        public PatientId patient() {
            return value.id();
        }
    }

    record SessionRecord(CareSession value, long version, Instant lastUpdated) implements CareRecord {
        public SessionRecord {
            Objects.requireNonNull(value, "session");
            Objects.requireNonNull(lastUpdated, "lastUpdated");
        }

        public RecordType type() {
            return RecordType.CARE_SESSION;
        }

        public String id() {
            return value.id().toString();
        }

        public PatientId patient() {
            return value.patient();
        }
    }

    /**
     * One emotion estimate made during a session's turn; estimates are never changed.
     *
     * @param number the store's number for it, unique among emotion observations
     */
    record EmotionRecord(long number, EmotionObservation value, CareSessionId session, PatientId patient,
                         RobotId robot, Instant lastUpdated) implements CareRecord {
        public static final String ID_PREFIX = "emotion-";

        public EmotionRecord {
            Objects.requireNonNull(value, "observation");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(robot, "robot");
            Objects.requireNonNull(lastUpdated, "lastUpdated");
        }

        public RecordType type() {
            return RecordType.EMOTION_OBSERVATION;
        }

        public String id() {
            return ID_PREFIX + number;
        }

        public long version() {
            return 1;
        }
    }

    /** A session's rating; a later rating of the same session replaces it as the next version. */
    record RatingRecord(CareExperienceRating value, PatientId patient, long version, Instant lastUpdated)
            implements CareRecord {
        public static final String ID_PREFIX = "rating-";

        public RatingRecord {
            Objects.requireNonNull(value, "rating");
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(lastUpdated, "lastUpdated");
        }

        public RecordType type() {
            return RecordType.CARE_EXPERIENCE_RATING;
        }

        public String id() {
            return ID_PREFIX + value.session();
        }
    }

    /**
     * A patient's consent: one record per patient (its id is the patient's), whose versions are the consent
     * versions; it last changed when its version took effect.
     */
    record ConsentRecord(Consent value) implements CareRecord {
        public ConsentRecord {
            Objects.requireNonNull(value, "consent");
        }

        public RecordType type() {
            return RecordType.CONSENT;
        }

        public String id() {
            return value.patient().toString();
        }

        public long version() {
            return value.version();
        }

        public Instant lastUpdated() {
            return value.effectiveFrom();
        }

        public PatientId patient() {
            return value.patient();
        }
    }

    /** A robot of the hospital's fleet; robots are registered once and not changed. */
    record RobotRecord(Robot value, Instant lastUpdated) implements CareRecord {
        public RobotRecord {
            Objects.requireNonNull(value, "robot");
            Objects.requireNonNull(lastUpdated, "lastUpdated");
        }

        public RecordType type() {
            return RecordType.ROBOT;
        }

        public String id() {
            return value.id().value();
        }

        public long version() {
            return 1;
        }

        public PatientId patient() {
            return null;
        }
    }
}
