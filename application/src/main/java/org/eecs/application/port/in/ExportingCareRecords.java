package org.eecs.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.export.ExportJob;
import org.eecs.application.port.records.RecordType;

/**
 * The hospital's information system (role INTEGRATION) exports care records in bulk, asynchronously: it asks,
 * follows the job, and fetches the files; only the caller who asked may follow a job or fetch its files. Workers
 * of any instance run the jobs; files expire and are deleted. The request is audited, and so is each patient whose
 * records a job exported, per kind of record.
 */
public interface ExportingCareRecords {

    /** @param request the request as sent, for the manifest */
    ExportJob request(Caller caller, Set<RecordType> types, Instant since, String request);

    ExportJob status(Caller caller, UUID job);

    /** Stops the job if it still runs, and deletes its files. */
    void cancel(Caller caller, UUID job);

    /** The finished job that holds this file, opened to the caller for fetching it; audited. */
    ExportJob file(Caller caller, UUID job, String name);

    /** Runs the next waiting job, if there is one, as this worker; the id of the job run. */
    Optional<UUID> runNext(String worker);

    /** Deletes the files and records of jobs that expired; how many. */
    int purgeExpired();

    /** The job is unknown, or not the caller's, or has expired. */
    class UnknownExportJob extends NotFound {
        public UnknownExportJob(UUID job) {
            super("no export job " + job);
        }
    }
}
