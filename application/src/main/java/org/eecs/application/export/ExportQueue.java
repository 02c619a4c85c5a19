package org.eecs.application.export;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.RunningExports;
import org.eecs.application.port.out.ExportFiles;
import org.eecs.application.port.out.ExportJobs;
import org.eecs.application.port.out.ExportJobs.Job;
import org.eecs.application.port.out.Transactions;

/**
 * The one life of every export, whatever its kind: a worker (of any instance) claims the oldest waiting export, or
 * one whose worker stopped, under a lease; the export's kind writes it ({@link ExportWork}), reporting progress,
 * which renews the lease; it completes, or fails and says why; its files expire after the retention period and
 * are purged with its record. An export taken over starts afresh.
 */
public final class ExportQueue implements RunningExports {

    private static final System.Logger log = System.getLogger(ExportQueue.class.getName());

    private final ExportJobs jobs;
    private final ExportFiles files;
    private final Map<ExportKind, ExportWork> works = new EnumMap<>(ExportKind.class);
    private final Transactions transactions;
    private final Clock clock;
    private final Duration lease;
    private final Duration retention;

    /**
     * @param lease     how long a claim holds without a progress report; a worker reports about once a second
     * @param retention how long a finished export's files stay (a month archive's always)
     */
    public ExportQueue(ExportJobs jobs, ExportFiles files, List<ExportWork> works, Transactions transactions,
                       Clock clock, Duration lease, Duration retention) {
        this.jobs = jobs;
        this.files = files;
        works.forEach(work -> work.kinds().forEach(kind -> this.works.put(kind, work)));
        this.transactions = transactions;
        this.clock = clock;
        this.lease = lease;
        this.retention = retention;
    }

    @Override
    public Optional<UUID> runNext(String worker) {
        Instant now = clock.instant();
        Optional<Job> claimed = transactions.inSeparateOne(() -> jobs.claim(worker, now, now.plus(lease)));
        claimed.ifPresent(job -> run(job, worker));
        return claimed.map(Job::id);
    }

    @Override
    public int purgeExpired() {
        List<Job> expired = transactions.inOne(() -> jobs.expiredBy(clock.instant()));
        for (Job job : expired) {
            files.deleteAll(job.id());
            transactions.inOne(() -> {
                jobs.remove(job.id());
                Optional.ofNullable(works.get(job.kind())).ifPresent(work -> work.purged(job.id()));
                return null;
            });
        }
        return expired.size();
    }

    private void run(Job job, String worker) {
        ExportWork work = works.get(job.kind());
        files.deleteAll(job.id()); // an export taken over from a worker that stopped starts afresh
        if (work == null) {
            fail(job, worker, "nothing on this server writes exports of kind " + job.kind());
            return;
        }
        try {
            work.write(job.id(), new ExportRun(job.id(), worker, jobs, transactions, clock, lease, retention));
        } catch (ExportRun.Stopped stopped) {
            leftBehind(job);
        } catch (RuntimeException failure) {
            log.log(Level.WARNING, "export " + job.id() + " (" + job.kind() + ") failed", failure);
            Instant at = clock.instant();
            // only while this worker holds it: cancelled, it stays cancelled; taken over, it is another's
            boolean held = transactions.inOne(() -> jobs.holds(job.id(), worker)
                    && jobs.fail(job.id(), worker, work.failed(job.id(), failure), at, at.plus(retention)));
            if (held) {
                files.deleteAll(job.id());
            } else {
                leftBehind(job);
            }
        }
    }

    /** An export this worker no longer holds: cancelled or purged, its files go; taken over, they are another's. */
    private void leftBehind(Job job) {
        if (transactions.inOne(() -> jobs.state(job.id())).filter(state -> state != ExportState.CANCELLED)
                .isEmpty()) {
            files.deleteAll(job.id());
        }
    }

    private void fail(Job job, String worker, String reason) {
        log.log(Level.ERROR, "export " + job.id() + ": " + reason);
        Instant at = clock.instant();
        transactions.inOne(() -> jobs.fail(job.id(), worker, reason, at, at.plus(retention)));
    }
}
