package org.eecs.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.out.ExportJobs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of every export in table export_job, whatever its kind, so that every instance sees every export.
 * Workers claim exports with {@code for update skip locked}, so two never take the same one, and hold them under
 * a lease that they renew as they report progress; an export whose lease ran out is claimed again.
 */
@Repository
@Transactional
class JdbcExportJobs implements ExportJobs {

    /**
     * The condition under which a worker may still change a running export (renew, complete, fail): it is running
     * and was last claimed by that worker. A lease that ran out but was not claimed again is still the worker's:
     * nobody else is writing the export. Bind the worker's name.
     */
    static final String HELD_BY_WORKER = "state = 'RUNNING' and worker = ?";

    private final JdbcClient jdbc;

    JdbcExportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Job> claim(String worker, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        update export_job set state = 'RUNNING', worker = ?, lease_until = ?, written = 0,
                            attempts = attempts + 1
                        where id = (select id from export_job
                                    where state = 'QUEUED' or (state = 'RUNNING' and lease_until < ?)
                                    order by requested_at limit 1 for update skip locked)
                        returning id, kind""")
                .params(worker, utc(leaseUntil), utc(now))
                .query((row, n) -> new Job(row.getObject("id", UUID.class), ExportKind.valueOf(row.getString("kind"))))
                .optional();
    }

    @Override
    public boolean renew(UUID id, String worker, long written, Instant leaseUntil) {
        return jdbc.sql("update export_job set lease_until = ?, written = ? where id = ? and " + HELD_BY_WORKER)
                .params(utc(leaseUntil), written, id, worker)
                .update() == 1;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ExportState> state(UUID id) {
        return jdbc.sql("select state from export_job where id = ?").param(id)
                .query((row, n) -> ExportState.valueOf(row.getString("state"))).optional();
    }

    @Override
    public boolean holds(UUID id, String worker) {
        return jdbc.sql("select id from export_job where id = ? and " + HELD_BY_WORKER + " for update")
                .params(id, worker).query(UUID.class).optional().isPresent();
    }

    @Override
    public boolean fail(UUID id, String worker, String reason, Instant at, Instant expiresAt) {
        return jdbc.sql("update export_job set state = 'FAILED', failure = ?, finished_at = ?, expires_at = ?,"
                        + " lease_until = null where id = ? and " + HELD_BY_WORKER)
                .params(reason.length() > 2000 ? reason.substring(0, 2000) : reason, utc(at), utc(expiresAt), id,
                        worker)
                .update() == 1;
    }

    @Override
    public boolean cancel(UUID id, Instant at) {
        return jdbc.sql("update export_job set state = 'CANCELLED', finished_at = ?, expires_at = ?,"
                        + " lease_until = null where id = ? and state <> 'CANCELLED'")
                .params(utc(at), utc(at), id)
                .update() == 1;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Job> expiredBy(Instant now) {
        return jdbc.sql("select id, kind from export_job where expires_at <= ? order by expires_at limit 1000")
                .param(utc(now))
                .query((row, n) -> new Job(row.getObject("id", UUID.class), ExportKind.valueOf(row.getString("kind"))))
                .list();
    }

    @Override
    public void remove(UUID id) {
        jdbc.sql("delete from export_job where id = ?").param(id).update();
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
