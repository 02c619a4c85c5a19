package org.eecs.adapter.out.persistence;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eecs.application.port.out.AuditTrailPartitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly partitions of table audit_event (migration V7_1): made ahead by the SQL function
 * audit_event_month_partition, listed from the catalogue, and detached once archived. A detached partition stays
 * in the database as a table of its own, out of the trail, for the database administrator to drop once the
 * archive file is kept safe elsewhere.
 */
@Repository
@Transactional
class JdbcAuditPartitions implements AuditTrailPartitions {

    private static final Pattern MONTH_PARTITION = Pattern.compile("audit_event_y(\\d{4})m(\\d{2})");

    private final JdbcClient jdbc;

    JdbcAuditPartitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void prepare(YearMonth first, int months) {
        for (int i = 0; i < months; i++) {
            jdbc.sql("select audit_event_month_partition(?)").param(first.plusMonths(i).atDay(1))
                    .query(String.class).optional();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredMonth> months() {
        List<String> partitions = jdbc.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        where i.inhparent = 'audit_event'::regclass order by c.relname""")
                .query(String.class).list();
        return partitions.stream()
                .filter(name -> MONTH_PARTITION.matcher(name).matches())
                .map(this::stored)
                .toList();
    }

    private StoredMonth stored(String partition) {
        var name = MONTH_PARTITION.matcher(partition);
        name.matches();
        YearMonth month = YearMonth.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)));
        // the name is one of ours (checked against the pattern above), never a caller's text
        return jdbc.sql("select count(*), min(sequence), max(sequence) from " + partition)
                .query((row, n) -> new StoredMonth(month, partition, row.getLong(1),
                        (Long) row.getObject(2), (Long) row.getObject(3)))
                .single();
    }

    /**
     * Takes the chain lock first: the detach locks the whole table, and an append waiting for it while holding the
     * chain lock would otherwise deadlock with the audit event that records the archive.
     */
    @Override
    public void detach(ArchiveAnchor anchor) {
        if (!MONTH_PARTITION.matcher(anchor.partition()).matches()) {
            throw new IllegalArgumentException("not a month partition: " + anchor.partition());
        }
        jdbc.sql("select pg_advisory_xact_lock(?)").param(JdbcAuditTrail.CHAIN_LOCK).query(row -> { });
        jdbc.sql("""
                        insert into audit_anchor (month, first_sequence, last_sequence, events, last_hash, export_id,
                            sha256, partition_name, archived_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(anchor.month().atDay(1), anchor.firstSequence(), anchor.lastSequence(), anchor.events(),
                        anchor.lastHash(), anchor.export(), anchor.sha256(), anchor.partition(),
                        OffsetDateTime.ofInstant(anchor.archivedAt(), ZoneOffset.UTC))
                .update();
        jdbc.sql("alter table audit_event detach partition " + anchor.partition()).update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ArchiveAnchor> anchors() {
        return jdbc.sql("select * from audit_anchor order by month")
                .query((row, n) -> new ArchiveAnchor(YearMonth.from(row.getObject("month", LocalDate.class)),
                        row.getLong("first_sequence"), row.getLong("last_sequence"), row.getLong("events"),
                        row.getString("last_hash"), row.getObject("export_id", UUID.class), row.getString("sha256"),
                        row.getString("partition_name"),
                        row.getObject("archived_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
