package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import javax.sql.DataSource;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.out.ExportJobs.Job;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.Role;
import org.eecs.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V9_1 carries the exports of both former tables (FHIR bulk exports in export_job, auditors' exports in
 * audit_export) into the one table of exports, each as it was: waiting, running under a lease, or complete with
 * its files or manifest.
 */
class ExportJobsMigrationTest {

    private static final UUID BULK_WAITING = UUID.randomUUID();
    private static final UUID BULK_DONE = UUID.randomUUID();
    private static final UUID AUDIT_WAITING = UUID.randomUUID();
    private static final UUID AUDIT_RUNNING = UUID.randomUUID();
    private static final UUID ARCHIVED = UUID.randomUUID();
    private static final UUID PATIENT = UUID.randomUUID();
    private static final String HASH = "a".repeat(64);

    @Test
    void exportsOfBothFormerTablesAreCarriedOver_asTheyWere() {
        DataSource dataSource = TestDatabase.server().newDatabase("exports");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("9").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        exportsAsTheyWereBefore(jdbc);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        BulkExportJob waiting = new JdbcBulkExportJobs(jdbc).find(BULK_WAITING).orElseThrow();
        assertThat(waiting.state()).isEqualTo(ExportState.QUEUED);
        BulkExportJob done = new JdbcBulkExportJobs(jdbc).find(BULK_DONE).orElseThrow();
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.files()).extracting(BulkExportJob.ExportedFile::records).containsExactly(3L, 4L);
        assertThat(done.written()).isEqualTo(7);

        AuditExport audit = new JdbcAuditExports(jdbc).find(AUDIT_WAITING).orElseThrow();
        assertThat(audit.kind()).isEqualTo(ExportKind.AUDIT_EVENTS);
        assertThat(audit.state()).isEqualTo(ExportState.QUEUED);
        assertThat(audit.requestedBy().id()).isEqualTo("auditor-ada");
        assertThat(audit.requestedBy().role()).isEqualTo(Role.AUDITOR);
        assertThat(audit.filter().actorId()).isEqualTo("dr-li");
        assertThat(audit.filter().requestId()).isEqualTo("req-1");
        assertThat(audit.filter().patient().value()).isEqualTo(PATIENT);
        assertThat(audit.filter().toSequence()).isEqualTo(99L);
        AuditExport archive = new JdbcAuditExports(jdbc).find(ARCHIVED).orElseThrow();
        assertThat(archive.month()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(archive.manifest().chain()).isEqualTo(new ChainVerification.Intact(10, HASH));
        assertThat(new JdbcAuditExports(jdbc).find(BULK_DONE)).as("a bulk export is no audit export").isEmpty();

        // the running export keeps its writer's claim (its last report, plus the two minutes it had) until it lapses
        JdbcExportJobs jobs = new JdbcExportJobs(jdbc);
        Instant now = Instant.now();
        Instant held = now.plusSeconds(3600);
        assertThat(jobs.claim("w1", now, held)).contains(new Job(BULK_WAITING, ExportKind.CARE_RECORDS));
        assertThat(jobs.claim("w1", now, held)).contains(new Job(AUDIT_WAITING, ExportKind.AUDIT_EVENTS));
        assertThat(jobs.claim("w1", now, held)).isEmpty();
        assertThat(jobs.claim("w2", now.plusSeconds(200), now.plusSeconds(320)))
                .contains(new Job(AUDIT_RUNNING, ExportKind.INTERACTION_LOG));
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'audit_export'")
                .query(Long.class).single()).isZero();
    }

    private static void exportsAsTheyWereBefore(JdbcClient jdbc) {
        jdbc.sql("""
                insert into export_job (id, actor_id, actor_role, request, record_types, state, requested_at,
                                        transaction_time)
                values (?, 'his', 'INTEGRATION', 'GET /fhir/$export', 'PATIENT', 'ACCEPTED', now() - interval '9 minutes',
                        now() - interval '9 minutes')""").param(BULK_WAITING).update();
        jdbc.sql("""
                insert into export_job (id, actor_id, actor_role, request, record_types, state, requested_at,
                                        transaction_time, finished_at, expires_at)
                values (?, 'his', 'INTEGRATION', 'GET /fhir/$export', 'PATIENT,CARE_SESSION', 'COMPLETED',
                        now() - interval '1 hour', now() - interval '1 hour', now(), now() + interval '1 day')""")
                .param(BULK_DONE).update();
        jdbc.sql("""
                insert into export_file (job_id, position, record_type, name, records)
                values (?, 0, 'PATIENT', 'Patient.ndjson', 3), (?, 1, 'CARE_SESSION', 'CareSession.ndjson', 4)""")
                .params(BULK_DONE, BULK_DONE).update();
        jdbc.sql("""
                insert into audit_export (id, kind, format, gzip, requested_by, requested_role, requested_at, state,
                                          actor_id, request_id, patient_id, to_sequence)
                values (?, 'AUDIT_EVENTS', 'CSV', true, 'auditor-ada', 'AUDITOR', now() - interval '8 minutes',
                        'QUEUED', 'dr-li', 'req-1', ?, 99)""").params(AUDIT_WAITING, PATIENT).update();
        jdbc.sql("""
                insert into audit_export (id, kind, format, gzip, session_id, purpose, requested_by, requested_role,
                                          requested_at, state, written, heartbeat_at)
                values (?, 'INTERACTION_LOG', 'NDJSON', false, ?, 'complaint 7', 'auditor-ada', 'AUDITOR',
                        now() - interval '7 minutes', 'RUNNING', 1200, now())""")
                .params(AUDIT_RUNNING, UUID.randomUUID()).update();
        jdbc.sql("""
                insert into audit_export (id, kind, format, gzip, archive_month, requested_by, requested_role,
                                          requested_at, state, written, finished_at, file_bytes, sha256, records,
                                          events, first_sequence, last_sequence, anchor_hash, first_hash, last_hash,
                                          links_checked, chain_intact, chain_checked)
                values (?, 'MONTH_ARCHIVE', 'NDJSON', true, date '2026-01-01', 'auditor-ada', 'AUDITOR',
                        now() - interval '1 day', 'COMPLETED', 10, now(), 1000, ?, 10, 10, 1, 10, ?, ?, ?, true,
                        true, 10)""").params(ARCHIVED, HASH, HASH, HASH, HASH).update();
    }
}
