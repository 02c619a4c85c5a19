package org.eecs.application.port.records;

import java.util.Set;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;

/**
 * What records to find; every criterion given must hold, an empty set or {@link TimeRange#ALL} means any. A
 * criterion that does not apply to a type of record (a modality for a patient) is ignored for that type.
 *
 * @param ids             record ids (see {@link CareRecord#id()})
 * @param patients        the patients the records are about
 * @param sessions        the care sessions the records belong to (observations, ratings)
 * @param lastUpdated     when the record last changed
 * @param date            the record's own time: a session's scheduled start, an observation's start, a rating's
 *                        time, a consent's effective time
 * @param sessionStates   care sessions in these states
 * @param consentStatuses consents whose current version has this status
 * @param modalities      emotion observations of these modalities
 * @param identifiers     patients with one of these hospital identifiers
 * @param identifierValues patients with a hospital identifier of one of these values, in any system
 * @param careTeamMember  only records of patients this clinician cares for; null for any
 */
public record RecordCriteria(Set<String> ids, Set<PatientId> patients, Set<CareSessionId> sessions,
                             TimeRange lastUpdated, TimeRange date, Set<SessionState> sessionStates,
                             Set<ConsentStatus> consentStatuses, Set<Modality> modalities,
                             Set<HospitalIdentifier> identifiers, Set<String> identifierValues,
                             ClinicianId careTeamMember) {

    public static final RecordCriteria ANY = new RecordCriteria(Set.of(), Set.of(), Set.of(), TimeRange.ALL,
            TimeRange.ALL, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), null);

    public RecordCriteria {
        ids = Set.copyOf(ids);
        patients = Set.copyOf(patients);
        sessions = Set.copyOf(sessions);
        lastUpdated = lastUpdated == null ? TimeRange.ALL : lastUpdated;
        date = date == null ? TimeRange.ALL : date;
        sessionStates = Set.copyOf(sessionStates);
        consentStatuses = Set.copyOf(consentStatuses);
        modalities = Set.copyOf(modalities);
        identifiers = Set.copyOf(identifiers);
        identifierValues = Set.copyOf(identifierValues);
    }

    public RecordCriteria withCareTeamMember(ClinicianId clinician) {
        return new RecordCriteria(ids, patients, sessions, lastUpdated, date, sessionStates, consentStatuses,
                modalities, identifiers, identifierValues, clinician);
    }

    public RecordCriteria withIds(Set<String> only) {
        return new RecordCriteria(only, patients, sessions, lastUpdated, date, sessionStates, consentStatuses,
                modalities, identifiers, identifierValues, careTeamMember);
    }

    public RecordCriteria withPatients(Set<PatientId> only) {
        return new RecordCriteria(ids, only, sessions, lastUpdated, date, sessionStates, consentStatuses,
                modalities, identifiers, identifierValues, careTeamMember);
    }

    public RecordCriteria withLastUpdated(TimeRange range) {
        return new RecordCriteria(ids, patients, sessions, range, date, sessionStates, consentStatuses,
                modalities, identifiers, identifierValues, careTeamMember);
    }
}
