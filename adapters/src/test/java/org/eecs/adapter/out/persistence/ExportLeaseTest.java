package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.ExportState;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.Role;
import org.eecs.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two workers and one export in table export_job: the first stalls past its lease, the second takes the export
 * over. From then on only the second may renew, complete or fail it; the first's late words change nothing.
 */
class ExportLeaseTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Instant LATER = NOW.plus(LEASE).plusSeconds(1);

    private JdbcExportJobs jobs;
    private JdbcAuditExports exports;
    private AuditExport export;

    @BeforeEach
    void oneExportTakenOverFromAStalledWorker() {
        DataSource dataSource = TestDatabase.server().newDatabase("export_lease");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jobs = new JdbcExportJobs(jdbc);
        exports = new JdbcAuditExports(jdbc);
        export = new AuditExport(UUID.randomUUID(), ExportKind.AUDIT_EVENTS, ExportFormat.NDJSON, false,
                AuditFilter.all(), null, null, null, new Actor("auditor-ada", Role.AUDITOR), NOW, ExportState.QUEUED,
                0, null, null, null, null);
        exports.add(export);
        assertThat(jobs.claim("stalled", NOW, NOW.plus(LEASE))).isPresent();
        assertThat(jobs.claim("other", NOW.plusSeconds(60), NOW.plusSeconds(60).plus(LEASE)))
                .as("the lease still holds").isEmpty();
        assertThat(jobs.claim("other", LATER, LATER.plus(LEASE))).isPresent();
    }

    @Test
    void theStalledWorkerCanNeitherRenewNorCompleteNorFail_theOneHoldingTheLeaseCompletes() {
        assertThat(jobs.holds(export.id(), "stalled")).isFalse();
        assertThat(jobs.renew(export.id(), "stalled", 10, LATER.plus(LEASE))).isFalse();
        assertThat(exports.complete(export.id(), "stalled", manifest("stalled"), LATER, LATER)).isFalse();
        assertThat(jobs.fail(export.id(), "stalled", "too late", LATER, LATER)).isFalse();
        assertThat(exports.find(export.id()).orElseThrow().state()).isEqualTo(ExportState.RUNNING);

        assertThat(jobs.holds(export.id(), "other")).isTrue();
        assertThat(exports.complete(export.id(), "other", manifest("other"), LATER, LATER.plusSeconds(60))).isTrue();

        AuditExport done = exports.find(export.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.manifest().sha256()).isEqualTo(sha256Of("other"));
        assertThat(jobs.fail(export.id(), "other", "after it completed", LATER, LATER))
                .as("a finished export's state is final").isFalse();
    }

    @Test
    void theWorkerHoldingTheLeaseFails_theStalledOneCannotCompleteAfterwards() {
        assertThat(jobs.fail(export.id(), "other", "disk full", LATER, LATER.plusSeconds(60))).isTrue();
        assertThat(exports.complete(export.id(), "stalled", manifest("stalled"), LATER, LATER)).isFalse();

        AuditExport failed = exports.find(export.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(ExportState.FAILED);
        assertThat(failed.failure()).isEqualTo("disk full");
    }

    private ExportManifest manifest(String worker) {
        return new ExportManifest(export.id(), export.kind(), export.format(), false, export.fileName(), 0,
                sha256Of(worker), 0, 0, null, null, null, null, null, true, new ChainVerification.Intact(0, null),
                export.filter(), null, null, LATER);
    }

    /** A stand-in SHA-256 that tells the workers' manifests apart. */
    private static String sha256Of(String worker) {
        return (worker.equals("other") ? "b" : "a").repeat(64);
    }
}
