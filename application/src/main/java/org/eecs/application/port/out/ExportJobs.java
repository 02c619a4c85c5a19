package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;

/**
 * The life of every export, whatever its kind, kept where every instance of the server sees it: any instance
 * claims a waiting export, holds it under a lease it renews as it reports progress, and finishes it; a job whose
 * worker stopped (its lease ran out) is taken up by another; finished ones expire and are purged. What an export
 * holds and what it wrote are its kind's ({@link BulkExportJobs}, {@link AuditExports}).
 */
public interface ExportJobs {

    /**
     * Takes the oldest export that is waiting, or running under a lease that ran out before {@code now}, for this
     * worker until {@code leaseUntil}; two workers never take the same one.
     */
    Optional<Job> claim(String worker, Instant now, Instant leaseUntil);

    /**
     * Records how many records are written so far and extends the worker's lease; false when the export is no
     * longer this worker's to write (cancelled, purged, or taken over after its lease ran out).
     */
    boolean renew(UUID id, String worker, long written, Instant leaseUntil);

    Optional<ExportState> state(UUID id);

    /**
     * Whether {@code worker} still holds the export: it is running and no other worker took it over. Inside a unit
     * of work it stays so until that ends (the export's record is locked).
     */
    boolean holds(UUID id, String worker);

    /**
     * Marks the export failed, if {@code worker} still holds it (it is running and no other worker took it over);
     * false otherwise, and nothing changes.
     */
    boolean fail(UUID id, String worker, String reason, Instant at, Instant expiresAt);

    /**
     * Marks the export cancelled, whatever its state, expiring at once: a running one stops at its worker's next
     * renewal, and the files of a finished one are to be deleted. False when it was cancelled already.
     */
    boolean cancel(UUID id, Instant at);

    /** Finished exports whose files expired at or before {@code now}. */
    List<Job> expiredBy(Instant now);

    void remove(UUID id);

    /** An export, by its id and kind. */
    record Job(UUID id, ExportKind kind) {
    }
}
