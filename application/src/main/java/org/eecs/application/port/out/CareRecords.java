package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.Keyset;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.patient.PatientId;

/**
 * Care records as the hospital sees them: with their versions and times of last change, found by criteria, in
 * (lastUpdated, id) order. Listings are read page by page from a place, and streams row by row, so that neither
 * holds more than a page in memory whatever the number of records.
 */
public interface CareRecords {

    Optional<CareRecord> find(RecordType type, String id);

    /** An earlier version of a consent record: consent is the one kind of record whose versions are all kept. */
    Optional<CareRecord> consentVersion(PatientId patient, int version);

    /**
     * Up to {@code limit} records of one type meeting the criteria that come strictly after {@code from} (null:
     * from the start) in (lastUpdated, id) order, or in the reverse order when {@code descending}.
     */
    List<CareRecord> page(RecordType type, RecordCriteria criteria, Keyset from, boolean descending, int limit);

    /**
     * Every record of one type meeting the criteria, in (lastUpdated, id) order, handed over one at a time while
     * it is read. The caller's unit of work must be open for the whole stream.
     */
    void stream(RecordType type, RecordCriteria criteria, Consumer<CareRecord> each);

    /** Each patient that a record of these types meeting the criteria is about, once, while they are read. */
    void patientsOf(RecordType type, RecordCriteria criteria, Consumer<PatientId> each);
}
