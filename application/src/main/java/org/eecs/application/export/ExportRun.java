package org.eecs.application.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.eecs.application.port.out.ExportJobs;
import org.eecs.application.port.out.Transactions;

/**
 * One claimed export being written by one worker: its lease, renewed as progress is reported (about once a
 * second, whatever the kind), and the expiry its files get when it finishes now. A worker that loses its lease (the
 * export was cancelled, or taken over after the lease ran out) learns it at its next report and stops.
 */
public final class ExportRun {

    /** Progress is looked at every this many records, and reported at most once a {@link #REPORT_EVERY}. */
    private static final int LOOK_EVERY = 1024;
    static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    private final UUID export;
    private final String worker;
    private final ExportJobs jobs;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration lease;
    private final Duration retention;
    private long calls;
    private Instant nextReport;

    ExportRun(UUID export, String worker, ExportJobs jobs, Transactions transactions, Clock clock, Duration lease,
              Duration retention) {
        this.export = export;
        this.worker = worker;
        this.jobs = jobs;
        this.transactions = transactions;
        this.clock = clock;
        this.lease = lease;
        this.retention = retention;
        this.nextReport = clock.instant().plus(REPORT_EVERY);
    }

    /**
     * The records written so far, told after each one: about once a second they are reported, which renews the
     * lease. Throws {@link Stopped} when the export is no longer this worker's.
     */
    public void progress(long written) {
        if (++calls % LOOK_EVERY != 0) {
            return;
        }
        Instant now = clock.instant();
        if (now.isAfter(nextReport)) {
            renew(written, now);
        }
    }

    /** Reports at once (after a long step without records, or before finishing). */
    public void report(long written) {
        renew(written, clock.instant());
    }

    /**
     * Finishes the export in the caller's unit of work, as this worker: {@code finish} is given the worker's name
     * and answers whether the export's record took it (only the worker holding the export does). When it did not,
     * the export was cancelled or taken over meanwhile: {@link Stopped} is thrown, which undoes the unit of work.
     */
    public void finish(Predicate<String> finish) {
        if (!finish.test(worker)) {
            throw new Stopped();
        }
    }

    /** When the files of an export finishing now expire. */
    public Instant expiresAt() {
        return clock.instant().plus(retention);
    }

    private void renew(long written, Instant now) {
        if (!transactions.inSeparateOne(() -> jobs.renew(export, worker, written, now.plus(lease)))) {
            throw new Stopped();
        }
        nextReport = now.plus(REPORT_EVERY);
    }

    /** The export is no longer this worker's to write: cancelled, purged, or taken over. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("the export is no longer this worker's to write", null, false, false);
        }
    }
}
