package org.eecs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
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

/**
 * Auditors' exports among the exports of table export_job (kinds AUDIT_EVENTS, INTERACTION_LOG, MONTH_ARCHIVE): what
 * each holds and its manifest. Their life (claim, lease, progress, expiry) is {@link JdbcExportJobs}'s.
 */
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
                        insert into export_job (id, kind, format, gzip, session_id, archive_month, purpose, actor_id,
                            actor_role, requested_at, state, from_time, to_time, filter_actor_id, filter_actor_role,
                            patient_id, action, outcome, filter_request_id, entity_type, entity_id, from_sequence,
                            to_sequence)
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
        return jdbc.sql("select * from export_job where id = ? and kind <> 'CARE_RECORDS'").param(id)
                .query((row, n) -> toExport(row)).optional();
    }

    @Override
    public boolean complete(UUID id, String worker, ExportManifest m, Instant at, Instant expiresAt) {
        ChainVerification.Broken broken = m.chain() instanceof ChainVerification.Broken b ? b : null;
        long checked = m.chain() instanceof ChainVerification.Intact intact ? intact.eventsChecked()
                : broken.eventsChecked();
        return jdbc.sql("""
                        update export_job set state = 'COMPLETED', written = ?, lease_until = null, finished_at = ?,
                            expires_at = ?, file_bytes = ?, sha256 = ?, records = ?, events = ?, first_sequence = ?,
                            last_sequence = ?, anchor_hash = ?, first_hash = ?, last_hash = ?, links_checked = ?,
                            chain_intact = ?, chain_checked = ?, break_sequence = ?, break_kind = ?, break_detail = ?
                        where id = ? and\s""" + JdbcExportJobs.HELD_BY_WORKER)
                .params(m.records(), utc(at), utc(expiresAt), m.bytes(), m.sha256(), m.records(),
                        m.events(), m.firstSequence(), m.lastSequence(), m.anchorHash(), m.firstHash(), m.lastHash(),
                        m.linksChecked(), m.chain().intact(), checked, broken == null ? null : broken.sequence(),
                        broken == null ? null : broken.kind().name(),
                        broken == null ? null : truncated(broken.detail(), 1000), id, worker)
                .update() == 1;
    }

    private static AuditExport toExport(ResultSet row) throws SQLException {
        AuditFilter filter = new AuditFilter(instant(row, "from_time"), instant(row, "to_time"),
                row.getString("filter_actor_id"), enumOf(Role.class, row.getString("filter_actor_role")),
                row.getObject("patient_id", UUID.class) == null ? null
                        : new PatientId(row.getObject("patient_id", UUID.class)),
                enumOf(AuditAction.class, row.getString("action")),
                enumOf(AuditOutcome.class, row.getString("outcome")), row.getString("filter_request_id"),
                row.getString("entity_type"), row.getString("entity_id"), longOrNull(row, "from_sequence"),
                longOrNull(row, "to_sequence"));
        UUID id = row.getObject("id", UUID.class);
        ExportKind kind = ExportKind.valueOf(row.getString("kind"));
        ExportFormat format = ExportFormat.valueOf(row.getString("format"));
        boolean gzip = row.getBoolean("gzip");
        UUID session = row.getObject("session_id", UUID.class);
        ExportState state = ExportState.valueOf(row.getString("state"));
        ExportManifest manifest = null;
        if (state == ExportState.COMPLETED) {
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
                month == null ? null : YearMonth.from(month), row.getString("purpose"), new Actor(row.getString("actor_id"),
                        Role.valueOf(row.getString("actor_role"))), instant(row, "requested_at"), state,
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
