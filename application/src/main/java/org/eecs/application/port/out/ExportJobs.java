package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.ExportJob;
import org.eecs.application.port.export.ExportJob.ExportedFile;

/**
 * Bulk export jobs, kept where every instance of the server sees them: any instance answers for any job, and a
 * job whose worker died (its lease ran out) is taken up by another.
 */
public interface ExportJobs {

    void add(ExportJob job);

    Optional<ExportJob> find(UUID id);

    /**
     * Takes the oldest job that is waiting, or running under a lease that ran out before {@code now}, for this
     * worker until {@code leaseUntil}; two workers never take the same job.
     */
    Optional<ExportJob> claim(String worker, Instant now, Instant leaseUntil);

    /** Extends the worker's lease; false when the job is no longer this worker's to run (cancelled, taken). */
    boolean renew(UUID id, String worker, Instant leaseUntil);

    void complete(UUID id, List<ExportedFile> files, Instant finishedAt, Instant expiresAt);

    void fail(UUID id, String error, Instant finishedAt, Instant expiresAt);

    /**
     * Marks the job cancelled, whatever its state: a running job stops at its worker's next renewal, and the
     * files of a finished one are to be deleted at once. False when it was cancelled already.
     */
    boolean cancel(UUID id, Instant at);

    /** Finished jobs whose files expired before {@code now}. */
    List<UUID> expiredBefore(Instant now);

    void remove(UUID id);
}
