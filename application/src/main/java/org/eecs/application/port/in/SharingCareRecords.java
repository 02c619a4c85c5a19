package org.eecs.application.port.in;

import java.util.Set;
import java.util.function.Consumer;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordPage;
import org.eecs.application.port.records.RecordSearch;
import org.eecs.application.port.records.RecordType;
import org.eecs.application.port.records.TimeRange;
import org.eecs.domain.patient.PatientId;

/**
 * The hospital's information system (role INTEGRATION, every patient) or a clinician (their care team's patients
 * only) reads and searches care records. Every read and every search is audited with each patient it touched, one
 * event per patient; a record the caller may not see answers as if it did not exist.
 */
public interface SharingCareRecords {

    /** The record's current version. */
    CareRecord read(Caller caller, RecordType type, String id);

    /** One version of the record: any kept version of a consent, only the current one of other records. */
    CareRecord readVersion(Caller caller, RecordType type, String id, long version);

    /** @param query what was asked, as the caller put it; the audit trail keeps it (cut to 255 characters) */
    RecordPage search(Caller caller, RecordSearch search, String query);

    /**
     * Everything about one patient, handed over one record at a time: the patient, their consent, sessions,
     * emotion observations and ratings (each kind only if among {@code types}, all kinds when empty) changed within
     * {@code changed}, then the robots of those sessions.
     */
    void everything(Caller caller, PatientId patient, Set<RecordType> types, TimeRange changed,
                    Consumer<CareRecord> each);
}
