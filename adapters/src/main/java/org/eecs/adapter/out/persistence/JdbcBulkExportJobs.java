package org.eecs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.export.BulkExportJob.ExportedFile;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.out.BulkExportJobs;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk exports of care records among the exports of table export_job (kind CARE_RECORDS): the request, and the
 * files it wrote in table export_file. Their life (claim, lease, expiry) is {@link JdbcExportJobs}'s.
 */
@Repository
@Transactional
class JdbcBulkExportJobs implements BulkExportJobs {

    private static final String COLUMNS = """
            id, actor_id, actor_role, source_address, purpose, request_id, request, record_types, since, state,
            transaction_time, written, finished_at, expires_at, failure""";

    private final JdbcClient jdbc;

    JdbcBulkExportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(BulkExportJob job) {
        BulkExportJob.Requester caller = job.requestedBy();
        jdbc.sql("insert into export_job (" + COLUMNS + ", kind, requested_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CARE_RECORDS', ?)")
                .params(job.id(), caller.actor().id(), caller.actor().role().name(), caller.sourceAddress(),
                        caller.purpose(), caller.requestId(), job.request(),
                        String.join(",", job.types().stream().map(RecordType::name).toList()), time(job.since()),
                        job.state().name(), time(job.transactionTime()), job.written(), time(job.finishedAt()),
                        time(job.expiresAt()), job.error(), time(job.transactionTime()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BulkExportJob> find(UUID id) {
        List<ExportedFile> files = jdbc.sql("select record_type, name, records from export_file where job_id = ?"
                        + " order by position")
                .param(id)
                .query((row, n) -> new ExportedFile(RecordType.valueOf(row.getString("record_type")),
                        row.getString("name"), row.getLong("records")))
                .list();
        return jdbc.sql("select " + COLUMNS + " from export_job where id = ? and kind = 'CARE_RECORDS'").param(id)
                .query((row, n) -> job(row, files))
                .optional();
    }

    @Override
    public boolean complete(UUID id, String worker, List<ExportedFile> files, long written, Instant finishedAt,
                            Instant expiresAt) {
        int held = jdbc.sql("update export_job set state = 'COMPLETED', written = ?, finished_at = ?,"
                        + " expires_at = ?, lease_until = null where id = ? and " + JdbcExportJobs.HELD_BY_WORKER)
                .params(written, time(finishedAt), time(expiresAt), id, worker)
                .update();
        if (held == 0) {
            return false; // cancelled, purged or taken over meanwhile: its files are not listed
        }
        for (int i = 0; i < files.size(); i++) {
            ExportedFile file = files.get(i);
            jdbc.sql("insert into export_file (job_id, position, record_type, name, records) values (?, ?, ?, ?, ?)")
                    .params(id, i, file.type().name(), file.name(), file.records())
                    .update();
        }
        return true;
    }

    private static BulkExportJob job(ResultSet row, List<ExportedFile> files) throws SQLException {
        BulkExportJob.Requester caller = new BulkExportJob.Requester(
                new Actor(row.getString("actor_id"), Role.valueOf(row.getString("actor_role"))),
                row.getString("source_address"), row.getString("request_id"), row.getString("purpose"));
        return new BulkExportJob(row.getObject("id", UUID.class), caller, row.getString("request"),
                Arrays.stream(row.getString("record_types").split(",")).map(RecordType::valueOf).toList(),
                instant(row, "since"), ExportState.valueOf(row.getString("state")),
                instant(row, "transaction_time"), row.getLong("written"), instant(row, "finished_at"),
                instant(row, "expires_at"), files, row.getString("failure"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : RecordSql.timestamp(instant);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
