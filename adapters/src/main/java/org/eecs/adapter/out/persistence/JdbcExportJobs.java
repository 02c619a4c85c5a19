package org.eecs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.ExportJob;
import org.eecs.application.port.export.ExportJob.ExportedFile;
import org.eecs.application.port.out.ExportJobs;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk export jobs in PostgreSQL, so that every instance sees every job. Workers claim jobs with
 * {@code for update skip locked}, so two never take the same one, and hold them under a lease that they renew.
 */
@Repository
@Transactional
class JdbcExportJobs implements ExportJobs {

    private static final String COLUMNS = """
            id, actor_id, actor_role, source_address, purpose, request_id, request, record_types, since, state,
            transaction_time, finished_at, expires_at, error""";

    private final JdbcClient jdbc;

    JdbcExportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ExportJob job) {
        ExportJob.Requester caller = job.requestedBy();
        jdbc.sql("insert into export_job (" + COLUMNS + ", requested_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(job.id(), caller.actor().id(), caller.actor().role().name(), caller.sourceAddress(),
                        caller.purpose(), caller.requestId(), job.request(),
                        String.join(",", job.types().stream().map(RecordType::name).toList()), time(job.since()),
                        job.state().name(), time(job.transactionTime()), time(job.finishedAt()),
                        time(job.expiresAt()), job.error(), time(job.transactionTime()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ExportJob> find(UUID id) {
        List<ExportedFile> files = jdbc.sql("select record_type, name, records from export_file where job_id = ?"
                        + " order by position")
                .param(id)
                .query((row, n) -> new ExportedFile(RecordType.valueOf(row.getString("record_type")),
                        row.getString("name"), row.getLong("records")))
                .list();
        return jdbc.sql("select " + COLUMNS + " from export_job where id = ?").param(id)
                .query((row, n) -> job(row, files))
                .optional();
    }

    @Override
    public Optional<ExportJob> claim(String worker, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        update export_job set state = 'RUNNING', worker = ?, lease_until = ?
                        where id = (select id from export_job
                                    where state = 'ACCEPTED' or (state = 'RUNNING' and lease_until < ?)
                                    order by requested_at limit 1 for update skip locked)
                        returning id""")
                .params(worker, time(leaseUntil), time(now))
                .query(UUID.class)
                .optional()
                .flatMap(this::find);
    }

    @Override
    public boolean renew(UUID id, String worker, Instant leaseUntil) {
        return jdbc.sql("update export_job set lease_until = ? where id = ? and worker = ? and state = 'RUNNING'")
                .params(time(leaseUntil), id, worker)
                .update() == 1;
    }

    @Override
    public void complete(UUID id, List<ExportedFile> files, Instant finishedAt, Instant expiresAt) {
        jdbc.sql("update export_job set state = 'COMPLETED', finished_at = ?, expires_at = ?, lease_until = null"
                        + " where id = ? and state = 'RUNNING'")
                .params(time(finishedAt), time(expiresAt), id)
                .update();
        for (int i = 0; i < files.size(); i++) {
            ExportedFile file = files.get(i);
            jdbc.sql("insert into export_file (job_id, position, record_type, name, records) values (?, ?, ?, ?, ?)")
                    .params(id, i, file.type().name(), file.name(), file.records())
                    .update();
        }
    }

    @Override
    public void fail(UUID id, String error, Instant finishedAt, Instant expiresAt) {
        jdbc.sql("update export_job set state = 'FAILED', error = ?, finished_at = ?, expires_at = ?,"
                        + " lease_until = null where id = ?")
                .params(error.length() > 2000 ? error.substring(0, 2000) : error, time(finishedAt), time(expiresAt),
                        id)
                .update();
    }

    @Override
    public boolean cancel(UUID id, Instant at) {
        return jdbc.sql("update export_job set state = 'CANCELLED', finished_at = ?, expires_at = ?,"
                        + " lease_until = null where id = ? and state <> 'CANCELLED'")
                .params(time(at), time(at), id)
                .update() == 1;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> expiredBefore(Instant now) {
        return jdbc.sql("select id from export_job where expires_at < ? order by expires_at")
                .param(time(now))
                .query(UUID.class)
                .list();
    }

    @Override
    public void remove(UUID id) {
        jdbc.sql("delete from export_job where id = ?").param(id).update();
    }

    private static ExportJob job(ResultSet row, List<ExportedFile> files) throws SQLException {
        ExportJob.Requester caller = new ExportJob.Requester(
                new Actor(row.getString("actor_id"), Role.valueOf(row.getString("actor_role"))),
                row.getString("source_address"), row.getString("request_id"), row.getString("purpose"));
        return new ExportJob(row.getObject("id", UUID.class), caller, row.getString("request"),
                Arrays.stream(row.getString("record_types").split(",")).map(RecordType::valueOf).toList(),
                instant(row, "since"), ExportJob.State.valueOf(row.getString("state")),
                instant(row, "transaction_time"), instant(row, "finished_at"), instant(row, "expires_at"), files,
                row.getString("error"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : RecordSql.timestamp(instant);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
