package org.eecs.application.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.eecs.application.fakes.ImmediateTransactions;
import org.eecs.application.fakes.InMemoryAuditExportFiles;
import org.eecs.application.fakes.InMemoryAuditExports;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.testing.MutableTime;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.Role;
import org.junit.jupiter.api.Test;

/**
 * The one life of every export, whatever its kind writes: claimed under a lease, taken over when its worker
 * stops, stopped when cancelled, failed with its kind's reason, purged when expired; files go whenever the export
 * is written afresh or its files are no longer wanted.
 */
class ExportQueueTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration RETENTION = Duration.ofDays(1);

    private final MutableTime clock = new MutableTime(NOW);
    private final InMemoryAuditExports jobs = new InMemoryAuditExports();
    private final InMemoryAuditExportFiles files = new InMemoryAuditExportFiles();
    private final Scripted work = new Scripted();
    private final ExportQueue queue = new ExportQueue(jobs, files, List.of(work), new ImmediateTransactions(), clock,
            LEASE, RETENTION);

    private AuditExport queued() {
        AuditExport export = new AuditExport(UUID.randomUUID(), ExportKind.AUDIT_EVENTS, ExportFormat.NDJSON, false,
                AuditFilter.all(), null, null, null, new Actor("auditor-ada", Role.AUDITOR), clock.instant(),
                ExportState.QUEUED, 0, null, null, null, null);
        jobs.add(export);
        return export;
    }

    /** A partial file of the export, as a worker leaves it when it stops midway. */
    private void partialFileOf(AuditExport export) {
        files.create(export).finish();
    }

    @Test
    void anExportWhoseWorkerStoppedIsTakenOverOnceItsLeaseRunsOut_andWrittenAfresh() {
        AuditExport export = queued();
        jobs.claim("stopped-worker", NOW, NOW.plus(LEASE));
        partialFileOf(export);
        work.script = (id, run) -> work.sawFilesAtStart.add(files.holds(export));

        clock.set(NOW.plus(Duration.ofMinutes(1)));
        assertThat(queue.runNext("worker-2")).as("its lease still holds").isEmpty();
        clock.set(NOW.plus(Duration.ofMinutes(3)));
        assertThat(queue.runNext("worker-2")).contains(export.id());

        assertThat(work.sawFilesAtStart).containsExactly(false);
    }

    @Test
    void progressRenewsTheLease_soAWorkingExportIsNotTakenOver() {
        AuditExport export = queued();
        work.script = (id, run) -> {
            clock.set(NOW.plus(Duration.ofMinutes(1)));
            run.report(10);
            clock.set(NOW.plus(Duration.ofMinutes(3)));
            assertThat(jobs.claim("worker-2", clock.instant(), clock.instant().plus(LEASE))).isEmpty();
        };

        assertThat(queue.runNext("worker-1")).contains(export.id());
        assertThat(jobs.progressReports).containsExactly(10L);
    }

    @Test
    void aCancelledExportStopsAtItsWorkersNextReport_andItsFilesGo() {
        AuditExport export = queued();
        work.script = (id, run) -> {
            partialFileOf(export);
            jobs.cancel(id, clock.instant());
            run.report(1);
            throw new AssertionError("the worker goes on after its export was cancelled");
        };

        queue.runNext("worker-1");

        assertThat(jobs.state(export.id())).contains(ExportState.CANCELLED);
        assertThat(files.holds(export)).isFalse();
    }

    @Test
    void anExportCancelledBeforeItsWriteFailed_staysCancelled() {
        AuditExport export = queued();
        work.script = (id, run) -> {
            partialFileOf(export);
            jobs.cancel(id, clock.instant());
            throw new IllegalStateException("disk full");
        };

        queue.runNext("worker-1");

        assertThat(jobs.state(export.id())).contains(ExportState.CANCELLED);
        assertThat(work.failures).as("nothing failed that anyone still waits for").isEmpty();
        assertThat(files.holds(export)).isFalse();
    }

    @Test
    void aFailedExportSaysWhyAsItsKindPutsIt_keepsNoFiles_andExpires() {
        AuditExport export = queued();
        work.script = (id, run) -> {
            partialFileOf(export);
            throw new IllegalStateException("disk full");
        };

        queue.runNext("worker-1");

        AuditExport failed = jobs.find(export.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(ExportState.FAILED);
        assertThat(failed.failure()).isEqualTo("scripted failure: disk full");
        assertThat(failed.expiresAt()).isEqualTo(NOW.plus(RETENTION));
        assertThat(files.holds(export)).isFalse();
    }

    @Test
    void aWorkerThatStalledPastItsLease_cannotCompleteTheExportAnotherTookOver() {
        AuditExport export = queued();
        List<Boolean> completed = new ArrayList<>();
        work.script = (id, run) -> {
            if (completed.isEmpty()) { // worker-1 stalls; meanwhile worker-2 takes the export over and writes it
                completed.add(null);
                clock.set(NOW.plus(LEASE).plusSeconds(1));
                assertThat(queue.runNext("worker-2")).contains(id);
            }
            partialFileOf(export);
            try {
                run.finish(worker -> jobs.complete(id, worker, manifestOf(export, worker), clock.instant(), null));
                completed.add(true);
            } catch (ExportRun.Stopped stopped) {
                completed.add(false);
                throw stopped;
            }
        };

        assertThat(queue.runNext("worker-1")).contains(export.id());

        assertThat(completed).as("worker-2 completes it, then worker-1 cannot").containsExactly(null, true, false);
        AuditExport done = jobs.find(export.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.manifest().purpose()).as("written by").isEqualTo("worker-2");
        assertThat(files.holds(export)).as("worker-2's file stays").isTrue();
    }

    @Test
    void aWorkerThatStalledPastItsLease_cannotFailTheExportAnotherHolds() {
        AuditExport export = queued();
        work.script = (id, run) -> {
            if (jobs.holds(id, "worker-1")) { // worker-1 stalls; worker-2 takes over and is still writing
                clock.set(NOW.plus(LEASE).plusSeconds(1));
                assertThat(jobs.claim("worker-2", clock.instant(), clock.instant().plus(LEASE))).isPresent();
                partialFileOf(export);
                throw new IllegalStateException("the database went away");
            }
        };

        queue.runNext("worker-1");

        assertThat(jobs.state(export.id())).contains(ExportState.RUNNING);
        assertThat(jobs.holds(export.id(), "worker-2")).isTrue();
        assertThat(work.failures).as("no failure recorded for an export another worker holds").isEmpty();
        assertThat(files.holds(export)).as("worker-2's partial file stays").isTrue();
        assertThat(jobs.fail(export.id(), "worker-1", "late", clock.instant(), clock.instant())).isFalse();
    }

    @Test
    void expiredExportsArePurgedWithTheirFiles_andTheirKindRecordsIt() {
        AuditExport export = queued();
        work.script = (id, run) -> partialFileOf(export);
        queue.runNext("worker-1");
        jobs.fail(export.id(), "worker-1", "stopped by the test", NOW, NOW.plus(RETENTION));

        clock.set(NOW.plus(RETENTION).minusSeconds(1));
        assertThat(queue.purgeExpired()).isZero();
        clock.set(NOW.plus(RETENTION));
        assertThat(queue.purgeExpired()).isEqualTo(1);

        assertThat(jobs.find(export.id())).isEmpty();
        assertThat(files.holds(export)).isFalse();
        assertThat(work.purged).containsExactly(export.id());
    }

    /** A manifest of nothing, naming in its purpose the worker that wrote it. */
    private static ExportManifest manifestOf(AuditExport export, String worker) {
        return new ExportManifest(export.id(), export.kind(), export.format(), false, export.fileName(), 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0, 0, null, null, null, null, null,
                true, new ChainVerification.Intact(0, null), export.filter(), null, worker, NOW);
    }

    /** A kind of export that does what the test says. */
    private static final class Scripted implements ExportWork {
        BiConsumer<UUID, ExportRun> script = (id, run) -> { };
        final List<Boolean> sawFilesAtStart = new ArrayList<>();
        final List<UUID> purged = new ArrayList<>();
        final List<UUID> failures = new ArrayList<>();

        @Override
        public Set<ExportKind> kinds() {
            return Set.of(ExportKind.AUDIT_EVENTS);
        }

        @Override
        public void write(UUID export, ExportRun run) {
            script.accept(export, run);
        }

        @Override
        public String failed(UUID export, RuntimeException failure) {
            failures.add(export);
            return "scripted failure: " + failure.getMessage();
        }

        @Override
        public void purged(UUID export) {
            purged.add(export);
        }
    }
}
