package org.eecs.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.YearMonth;
import org.eecs.application.export.ExportQueue;
import org.eecs.application.fakes.InMemoryAuditExports;
import org.eecs.application.fakes.InMemoryAuditPartitions;
import org.eecs.application.fakes.InMemoryAuditExportFiles;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.out.AuditTrailPartitions.ArchiveAnchor;
import org.eecs.application.port.out.AuditTrailPartitions.StoredMonth;
import org.eecs.application.testing.Hospital;
import org.eecs.application.testing.MutableTime;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.junit.jupiter.api.Test;

/** Old months archived oldest first: exported and checked, then taken out of the trail, leaving their anchor. */
class ArchivingAuditMonthsTest {

    private static final Caller AUDITOR = Hospital.caller("auditor-ada", Role.AUDITOR);
    private static final String WORKER = "worker-1";
    private static final YearMonth JANUARY = YearMonth.of(2026, 1);
    private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

    private final MutableTime clock = new MutableTime(Instant.parse("2026-03-10T08:00:00Z"));
    private final Hospital hospital = new Hospital(clock);
    private final InMemoryAuditPartitions partitions = new InMemoryAuditPartitions(hospital.auditTrail);
    private final InMemoryAuditExports exports = new InMemoryAuditExports();
    private final InMemoryAuditExportFiles files = new InMemoryAuditExportFiles();
    private final AuditArchive archive = new AuditArchive(partitions, exports, hospital.access,
            hospital.transactions, clock);
    private final AuditExportWriting writing = new AuditExportWriting(exports, files, hospital.auditTrail,
            hospital.auditTrail, partitions, hospital.sessionRecords(),
            hospital.transactions, clock);
    private final ExportQueue queue = new ExportQueue(exports, files, List.of(writing),
            hospital.transactions, clock, Duration.ofMinutes(2), Duration.ofDays(7));
    private final AuditTrailVerifier verifier = new AuditTrailVerifier(hospital.auditTrail, hospital.transactions,
            clock);

    @Test
    void anArchivedMonthLeavesTheTrailWithItsAnchor_andTheRestStillVerifies() {
        appendIn(JANUARY, 4);
        appendIn(FEBRUARY, 3);

        AuditExport asked = archive.archive(AUDITOR, JANUARY);
        queue.runNext(WORKER);

        AuditExport done = exports.find(asked.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ExportState.COMPLETED);
        assertThat(done.expiresAt()).as("an archive is never purged").isNull();
        assertThat(done.manifest().events()).isEqualTo(4);
        assertThat(partitions.anchors()).singleElement().satisfies(anchor -> {
            assertThat(anchor.month()).isEqualTo(JANUARY);
            assertThat(anchor.lastSequence()).isEqualTo(4);
            assertThat(anchor.lastHash()).isEqualTo(done.manifest().lastHash());
            assertThat(anchor.sha256()).isEqualTo(done.manifest().sha256());
        });
        assertThat(partitions.months()).extracting(StoredMonth::month).doesNotContain(JANUARY);
        assertThat(verifier.verify(AUDITOR, JANUARY.atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                Instant.parse("2026-04-01T00:00:00Z")).intact()).isTrue();
    }

    @Test
    void theNextMonthIsAnchoredOnTheOneArchivedBefore() {
        appendIn(JANUARY, 2);
        appendIn(FEBRUARY, 2);
        archive.archive(AUDITOR, JANUARY);
        queue.runNext(WORKER);

        AuditExport february = archive.archive(AUDITOR, FEBRUARY);
        queue.runNext(WORKER);

        assertThat(exports.find(february.id()).orElseThrow().manifest().chain())
                .isInstanceOf(ChainVerification.Intact.class);
        assertThat(partitions.anchors()).extracting(ArchiveAnchor::month).containsExactly(JANUARY, FEBRUARY);
    }

    @Test
    void aMonthWhoseChainIsBrokenStaysInTheTrail() {
        appendIn(JANUARY, 4);
        appendIn(FEBRUARY, 1);
        hospital.auditTrail.replace(2, read("forged", JANUARY.atDay(3).atStartOfDay()
                .toInstant(java.time.ZoneOffset.UTC)));

        AuditExport asked = archive.archive(AUDITOR, JANUARY);
        queue.runNext(WORKER);

        AuditExport failed = exports.find(asked.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(ExportState.FAILED);
        assertThat(failed.failure()).contains("broken at event 2", "ALTERED", "not archived");
        assertThat(partitions.anchors()).isEmpty();
        assertThat(partitions.months()).extracting(StoredMonth::month).contains(JANUARY);
        assertThat(files.holds(asked)).isFalse();
    }

    @Test
    void monthsGoOldestFirst_andOnlyOnceTheyHaveEnded() {
        appendIn(JANUARY, 1);
        appendIn(FEBRUARY, 1);

        assertThatThrownBy(() -> archive.archive(AUDITOR, FEBRUARY)).isInstanceOf(Conflict.class)
                .hasMessageContaining("oldest month in the trail is 2026-01");
        assertThatThrownBy(() -> archive.archive(AUDITOR, YearMonth.of(2026, 3))).isInstanceOf(Conflict.class)
                .hasMessageContaining("has not");
    }

    @Test
    void partitionsAreReadyForThisMonthAndTheNextTwo() {
        archive.prepareMonthsAhead();

        assertThat(partitions.prepared()).containsExactly(YearMonth.of(2026, 3), YearMonth.of(2026, 4),
                YearMonth.of(2026, 5));
    }

    private void appendIn(YearMonth month, int count) {
        hospital.transactions.inOne(() -> {
            for (int i = 0; i < count; i++) {
                hospital.auditTrail.append(read("p-" + month + "-" + i,
                        month.atDay(2 + i).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)));
            }
            return null;
        });
    }

    private static AuditEvent read(String entity, Instant at) {
        return new AuditEvent(new Actor("dr-li", Role.CLINICIAN), AuditAction.READ, new EntityRef("Patient", entity),
                null, AuditOutcome.SUCCESS, at, null, "treatment", null);
    }
}
