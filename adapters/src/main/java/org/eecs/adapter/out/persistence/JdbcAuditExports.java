package org.eecs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.out.AuditExports;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.BreakKind;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Exports and their progress in table audit_export; the oldest waiting one is claimed with SKIP LOCKED. */
@Repository
@Transactional
class JdbcAuditExports implements AuditExports {

    private final JdbcClient jdbc;

    JdbcAuditExports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(AuditExport e) {
        AuditFilter f = e.filter();
        jdbc.sql("""
                        insert into audit_export (id, kind, format, gzip, session_id, archive_month, purpose,
                            requested_by,
                            requested_role, requested_at, state, from_time, to_time, actor_id, actor_role, patient_id,
                            action, outcome, request_id, entity_type, entity_id, from_sequence, to_sequence)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), e.kind().name(), e.format().name(), e.gzip(),
                        e.session() == null ? null : e.session().value(),
                        e.month() == null ? null : e.month().atDay(1), e.purpose(), e.requestedBy().id(),
                        e.requestedBy().role().name(), utc(e.requestedAt()), e.state().name(), utc(f.from()),
                        utc(f.to()), f.actorId(), f.role() == null ? null : f.role().name(),
                        f.patient() == null ? null : f.patient().value(), f.action() == null ? null : f.action().name(),
                        f.outcome() == null ? null : f.outcome().name(), f.requestId(), f.entityType(), f.entityId(),
                        f.fromSequence(), f.toSequence())
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AuditExport> find(UUID id) {
        return jdbc.sql("select * from audit_export where id = ?").param(id)
                .query((row, n) -> toExport(row)).optional();
    }

    @Override
    public Optional<AuditExport> claimNext(Instant now, Instant staleBefore) {
        return jdbc.sql("""
                        update audit_export set state = 'RUNNING', written = 0, heartbeat_at = ?,
                            attempts = attempts + 1
                        where id = (select id from audit_export
                                    where state = 'QUEUED' or (state = 'RUNNING' and heartbeat_at < ?)
                                    order by requested_at limit 1 for update skip locked)
                        returning *""")
                .params(utc(now), utc(staleBefore))
                .query((row, n) -> toExport(row)).optional();
    }

    @Override
    public void progress(UUID id, long written, Instant at) {
        jdbc.sql("update audit_export set written = ?, heartbeat_at = ? where id = ? and state = 'RUNNING'")
                .params(written, utc(at), id).update();
    }

    @Override
    public void complete(UUID id, ExportManifest m, Instant at, Instant expiresAt) {
        ChainVerification.Broken broken = m.chain() instanceof ChainVerification.Broken b ? b : null;
        long checked = m.chain() instanceof ChainVerification.Intact intact ? intact.eventsChecked()
                : broken.eventsChecked();
        jdbc.sql("""
                        update audit_export set state = 'COMPLETED', written = ?, heartbeat_at = ?, finished_at = ?,
                            expires_at = ?, file_bytes = ?, sha256 = ?, records = ?, events = ?, first_sequence = ?,
                            last_sequence = ?, anchor_hash = ?, first_hash = ?, last_hash = ?, links_checked = ?,
                            chain_intact = ?, chain_checked = ?, break_sequence = ?, break_kind = ?, break_detail = ?
                        where id = ?""")
                .params(m.records(), utc(at), utc(at), utc(expiresAt), m.bytes(), m.sha256(), m.records(),
                        m.events(), m.firstSequence(), m.lastSequence(), m.anchorHash(), m.firstHash(), m.lastHash(),
                        m.linksChecked(), m.chain().intact(), checked, broken == null ? null : broken.sequence(),
                        broken == null ? null : broken.kind().name(),
                        broken == null ? null : truncated(broken.detail(), 1000), id)
                .update();
    }

    @Override
    public void fail(UUID id, String reason, Instant at, Instant expiresAt) {
        jdbc.sql("update audit_export set state = 'FAILED', failure = ?, finished_at = ?, expires_at = ? where id = ?")
                .params(truncated(reason, 500), utc(at), utc(expiresAt), id).update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditExport> expiredBy(Instant now) {
        return jdbc.sql("select * from audit_export where expires_at <= ? order by expires_at limit 1000")
                .param(utc(now)).query((row, n) -> toExport(row)).list();
    }

    @Override
    public void remove(UUID id) {
        jdbc.sql("delete from audit_export where id = ?").param(id).update();
    }

    private static AuditExport toExport(ResultSet row) throws SQLException {
        AuditFilter filter = new AuditFilter(instant(row, "from_time"), instant(row, "to_time"),
                row.getString("actor_id"), enumOf(Role.class, row.getString("actor_role")),
                row.getObject("patient_id", UUID.class) == null ? null
                        : new PatientId(row.getObject("patient_id", UUID.class)),
                enumOf(AuditAction.class, row.getString("action")),
                enumOf(AuditOutcome.class, row.getString("outcome")), row.getString("request_id"),
                row.getString("entity_type"), row.getString("entity_id"), longOrNull(row, "from_sequence"),
                longOrNull(row, "to_sequence"));
        UUID id = row.getObject("id", UUID.class);
        AuditExport.Kind kind = AuditExport.Kind.valueOf(row.getString("kind"));
        ExportFormat format = ExportFormat.valueOf(row.getString("format"));
        boolean gzip = row.getBoolean("gzip");
        UUID session = row.getObject("session_id", UUID.class);
        AuditExport.State state = AuditExport.State.valueOf(row.getString("state"));
        ExportManifest manifest = null;
        if (state == AuditExport.State.COMPLETED) {
            ChainVerification chain = row.getBoolean("chain_intact")
                    ? new ChainVerification.Intact(row.getLong("chain_checked"), row.getString("last_hash"))
                    : new ChainVerification.Broken(row.getLong("break_sequence"),
                            BreakKind.valueOf(row.getString("break_kind")), row.getString("break_detail"),
                            row.getLong("chain_checked"));
            manifest = new ExportManifest(id, kind, format, gzip, AuditExport.fileName(id, format, gzip), row.getLong("file_bytes"),
                    row.getString("sha256"), row.getLong("records"), row.getLong("events"),
                    longOrNull(row, "first_sequence"), longOrNull(row, "last_sequence"), row.getString("anchor_hash"),
                    row.getString("first_hash"), row.getString("last_hash"), row.getBoolean("links_checked"), chain,
                    filter, session == null ? null : session.toString(), row.getString("purpose"),
                    instant(row, "finished_at"));
        }
        LocalDate month = row.getObject("archive_month", LocalDate.class);
        return new AuditExport(id, kind, format, gzip, filter, session == null ? null : new CareSessionId(session),
                month == null ? null : YearMonth.from(month), row.getString("purpose"), new Actor(row.getString("requested_by"),
                        Role.valueOf(row.getString("requested_role"))), instant(row, "requested_at"), state,
                row.getLong("written"), instant(row, "finished_at"), instant(row, "expires_at"),
                row.getString("failure"), manifest);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static String truncated(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
