package org.eecs.application.port.export;

/**
 * The kinds of export, all run as jobs of one kind of lifecycle (queued, running under a lease, complete, failed or
 * cancelled, expired and purged), each written its own way.
 */
public enum ExportKind {
    /** FHIR Bulk Data: the care records, an NDJSON file per kind of record, for the hospital's information system. */
    CARE_RECORDS,
    /** Audit events matching a filter. */
    AUDIT_EVENTS,
    /** A session's full interaction log for an investigation: clinical content, asked for with a purpose. */
    INTERACTION_LOG,
    /** One month of the trail, archived before the month is taken out of the database; never expires. */
    MONTH_ARCHIVE
}
