package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eecs.application.audit.AuditTrailVerifier;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.out.AuditTrailPartitions.ArchiveAnchor;
import org.eecs.application.port.out.AuditTrailPartitions.StoredMonth;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.BreakKind;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.testing.MovableClock;
import org.eecs.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail partitioned by month, on a database of its own (so that it can hold months long past): every
 * partition refuses changes, tampering across a month boundary is found and located, and a month taken out of the
 * trail leaves an anchor from which the rest still verifies.
 */
class AuditPartitionsTest {

    private static final Caller AUDITOR = new Caller(new Actor("auditor-ada", Role.AUDITOR), null, null, "audit");
    private static final YearMonth JANUARY = YearMonth.of(2031, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2031, 2);
    private static final Instant END_OF_JANUARY = Instant.parse("2031-01-31T23:59:57Z");

    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private SpringTransactions transactions;
    private final MovableClock clock = new MovableClock(END_OF_JANUARY);
    private JdbcAuditTrail trail;
    private JdbcAuditPartitions partitions;
    private AuditTrailVerifier verifier;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabase.server().newDatabase("partitions");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(manager);
        transactions = new SpringTransactions(manager);
        jdbc = JdbcClient.create(dataSource);
        trail = new JdbcAuditTrail(jdbc, clock);
        partitions = new JdbcAuditPartitions(jdbc);
        verifier = new AuditTrailVerifier(trail, transactions, clock);
        transactions.inOne(() -> {
            partitions.prepare(JANUARY, 2);
            return null;
        });
    }

    @Test
    void eachMonthIsAPartitionOfItsOwn_holdingOneStretchOfTheChain() {
        List<ChainedAuditEvent> written = januaryAndFebruary();

        List<StoredMonth> months = partitions.months().stream().filter(m -> m.events() > 0).toList();

        assertThat(months).extracting(StoredMonth::month).containsExactly(JANUARY, FEBRUARY);
        assertThat(months.get(0).lastSequence()).isEqualTo(written.get(2).sequence());
        assertThat(months.get(1).firstSequence()).isEqualTo(written.get(3).sequence());
    }

    @Test
    void aPartitionMadeLaterRefusesChangesLikeTheFirst() {
        transactions.inOne(() -> {
            partitions.prepare(YearMonth.of(2032, 7), 1);
            return null;
        });
        clock.set(Instant.parse("2032-07-04T10:00:00Z"));
        long sequence = append("later").sequence();

        assertThatThrownBy(() -> jdbc.sql("update audit_event_y2032m07 set actor_id = 'mallory' where sequence = ?")
                .param(sequence).update()).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where sequence = ?").param(sequence).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event_y2032m07").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event_default").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }

    /** The tampering of AuditTrailInPostgresTest, on the last event of January and the first of February. */
    @ParameterizedTest
    @EnumSource(Tampering.class)
    void tamperingAcrossAMonthBoundaryIsFoundAndLocated(Tampering tampering) {
        List<Long> chain = januaryAndFebruary().stream().map(ChainedAuditEvent::sequence).toList();
        Tampering.disableTheGuards(jdbc);
        long brokenAt = tampering.apply(jdbc, chain.get(2), chain.get(3));

        ChainVerification result = verifier.verify(AUDITOR, Instant.parse("2031-01-31T00:00:00Z"),
                Instant.parse("2031-02-02T00:00:00Z"));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(brokenAt);
            assertThat(broken.kind()).isEqualTo(tampering.found);
        });
    }

    @Test
    void anArchivedMonthLeavesItsAnchor_andTheRestOfTheChainStillVerifies() {
        List<ChainedAuditEvent> written = januaryAndFebruary();
        ChainedAuditEvent lastOfJanuary = written.get(2);

        transactions.inOne(() -> {
            partitions.detach(new ArchiveAnchor(JANUARY, written.get(0).sequence(), lastOfJanuary.sequence(), 3,
                    lastOfJanuary.hash(), UUID.randomUUID(), "0".repeat(64), "audit_event_y2031m01", clock.instant()));
            return null;
        });
        clock.set(Instant.parse("2031-02-02T09:00:00Z"));
        ChainedAuditEvent afterwards = append("after the archive");
        ChainVerification remaining = verifier.verify(AUDITOR, JANUARY.atDay(1).atStartOfDay().toInstant(
                ZoneOffset.UTC), Instant.parse("2031-03-01T00:00:00Z"));

        assertThat(partitions.anchors()).extracting(ArchiveAnchor::month, ArchiveAnchor::lastHash)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(JANUARY, lastOfJanuary.hash()));
        assertThat(partitions.months()).extracting(StoredMonth::month).doesNotContain(JANUARY);
        assertThat(trail.hashOf(lastOfJanuary.sequence())).contains(lastOfJanuary.hash());
        assertThat(remaining).isEqualTo(new ChainVerification.Intact(4, afterwards.hash()));
        assertThatThrownBy(() -> jdbc.sql("delete from audit_anchor").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void afterAnArchiveTamperingWithTheFirstRemainingEventIsStillFound() {
        List<ChainedAuditEvent> written = januaryAndFebruary();
        transactions.inOne(() -> {
            partitions.detach(new ArchiveAnchor(JANUARY, written.get(0).sequence(), written.get(2).sequence(), 3,
                    written.get(2).hash(), UUID.randomUUID(), "0".repeat(64), "audit_event_y2031m01",
                    clock.instant()));
            return null;
        });
        Tampering.disableTheGuards(jdbc);
        Tampering.EVENT_DELETED.apply(jdbc, written.get(3).sequence(), written.get(4).sequence());

        ChainVerification result = verifier.verify(AUDITOR, Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("2031-03-01T00:00:00Z"));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
            assertThat(broken.sequence()).isEqualTo(written.get(3).sequence());
        });
    }

    @Test
    void whenEveryMonthIsArchivedTheNextEventLinksToTheLastAnchor() {
        clock.set(Instant.parse("2031-01-10T00:00:00Z"));
        ChainedAuditEvent only = append("alone");
        transactions.inOne(() -> {
            partitions.detach(new ArchiveAnchor(JANUARY, only.sequence(), only.sequence(), 1, only.hash(),
                    UUID.randomUUID(), "0".repeat(64), "audit_event_y2031m01", clock.instant()));
            return null;
        });
        clock.set(Instant.parse("2031-02-10T00:00:00Z"));

        ChainedAuditEvent next = append("next");

        assertThat(next.sequence()).isEqualTo(only.sequence() + 1);
        assertThat(next.previousHash()).isEqualTo(only.hash());
    }

    /** Three events at the very end of January and three at the start of February. */
    private List<ChainedAuditEvent> januaryAndFebruary() {
        List<ChainedAuditEvent> written = new ArrayList<>();
        clock.set(END_OF_JANUARY);
        for (int i = 0; i < 6; i++) {
            written.add(append("event-" + i));
            clock.set(clock.instant().plusSeconds(1));
        }
        return written;
    }

    private ChainedAuditEvent append(String entity) {
        return transactions.inOne(() -> trail.append(new AuditEvent(new Actor("dr-li", Role.CLINICIAN),
                AuditAction.READ, new EntityRef("Patient", entity), null, AuditOutcome.SUCCESS, clock.instant(),
                "10.0.0.5", "treatment", "req-" + entity)));
    }
}
