package org.eecs.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eecs.application.export.ExportQueue;
import org.eecs.application.fakes.InMemoryAuditExports;
import org.eecs.application.fakes.InMemoryAuditPartitions;
import org.eecs.application.fakes.InMemoryAuditExportFiles;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.testing.Hospital;
import org.eecs.application.testing.MutableTime;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.BreakKind;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;

/** Exports asked for, written in the background, checked on the way, handed out and purged. */
class ExportingAuditTrailTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Caller AUDITOR = Hospital.caller("auditor-ada", Role.AUDITOR);
    private static final String WORKER = "worker-1";

    private final MutableTime clock = new MutableTime(NOW);
    private final Hospital hospital = new Hospital(clock);
    private final InMemoryAuditExports exports = new InMemoryAuditExports();
    private final InMemoryAuditExportFiles files = new InMemoryAuditExportFiles();
    private final AuditExportDesk desk = new AuditExportDesk(exports, files, hospital.auditTrail, hospital.sessions,
            hospital.access, hospital.transactions, clock);
    private final AuditExportWriting writing = new AuditExportWriting(exports, files, hospital.auditTrail,
            hospital.auditTrail, new InMemoryAuditPartitions(hospital.auditTrail), hospital.sessionRecords(),
            hospital.transactions, clock);
    private final ExportQueue queue = new ExportQueue(exports, files, List.of(writing),
            hospital.transactions, clock, Duration.ofMinutes(2), Duration.ofDays(7));

    @Test
    void anExportHoldsTheEventsUpToItsOwnRequest_andIsAuditedWithWhatItAsked() {
        appendReads(5);
        AuditExport asked = desk.exportEvents(AUDITOR, AuditFilter.all(), ExportFormat.NDJSON, true);
        appendReads(2);

        assertThat(queue.runNext(WORKER)).isPresent();

        ExportManifest manifest = desk.status(AUDITOR, asked.id()).manifest();
        assertThat(manifest.events()).isEqualTo(6);
        assertThat(manifest.lastSequence()).isEqualTo(6);
        assertThat(manifest.linksChecked()).isTrue();
        assertThat(manifest.chain()).isEqualTo(new ChainVerification.Intact(6, manifest.lastHash()));
        assertThat(files.lines(asked)).hasSize(6);
        assertThat(hospital.auditTrail.written()).extracting(e -> e.actor().id() + " " + e.action() + " "
                + e.entity().type()).contains("auditor-ada EXECUTE AuditExport", "audit-export CREATE AuditExport");
        assertThat(queue.runNext(WORKER)).as("nothing else is waiting").isEmpty();
    }

    @Test
    void anEventAlteredInTheStoreIsRecordedInTheManifest() {
        appendReads(5);
        hospital.auditTrail.replace(3, read("forged", NOW));
        AuditExport asked = desk.exportEvents(AUDITOR, AuditFilter.all(), ExportFormat.CSV, false);

        queue.runNext(WORKER);

        assertThat(desk.status(AUDITOR, asked.id()).manifest().chain())
                .isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
                    assertThat(broken.sequence()).isEqualTo(3);
                    assertThat(broken.kind()).isEqualTo(BreakKind.ALTERED);
                });
    }

    @Test
    void aFilteredExportChecksEachEventsOwnHash_notTheLinksBetweenThem() {
        appendReads(6);
        hospital.auditTrail.replace(4, read("forged", NOW));
        AuditExport asked = desk.exportEvents(AUDITOR, AuditFilter.all().withActor("dr-li", null),
                ExportFormat.NDJSON, false);

        queue.runNext(WORKER);

        ExportManifest manifest = desk.status(AUDITOR, asked.id()).manifest();
        assertThat(manifest.linksChecked()).isFalse();
        assertThat(manifest.events()).isEqualTo(6);
        assertThat(manifest.chain()).isInstanceOfSatisfying(ChainVerification.Broken.class,
                broken -> assertThat(broken.sequence()).isEqualTo(4));
    }

    @Test
    void onlyAnAuditorMayExport_andTheRefusalIsAudited() {
        Caller clinician = Hospital.clinician("dr-li");

        assertThatThrownBy(() -> desk.exportEvents(clinician, AuditFilter.all(), ExportFormat.NDJSON, false))
                .isInstanceOf(NotPermitted.class);
        assertThat(hospital.auditTrail.written()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.entity().type()).isEqualTo("AuditExport");
        });
    }

    @Test
    void anInteractionLogNeedsAStatedPurpose_andASessionThatExists() {
        assertThatThrownBy(() -> desk.exportInteractionLog(AUDITOR, CareSessionId.newId(), "  ", false))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("purpose");
        assertThatThrownBy(() -> desk.exportInteractionLog(AUDITOR, CareSessionId.newId(), "complaint 7", false))
                .isInstanceOf(UnknownCareSession.class);
        assertThat(hospital.auditTrail.written()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(e.purpose()).isEqualTo("complaint 7");
        });
    }

    @Test
    void aFileIsHandedOutOnlyOnceWritten_andEachDownloadIsAudited() {
        appendReads(2);
        AuditExport asked = desk.exportEvents(AUDITOR, AuditFilter.all(), ExportFormat.NDJSON, false);

        assertThatThrownBy(() -> desk.download(AUDITOR, asked.id())).isInstanceOf(Conflict.class)
                .hasMessageContaining("QUEUED");
        queue.runNext(WORKER);
        long before = hospital.auditTrail.headSequence();
        assertThat(desk.download(AUDITOR, asked.id()).bytes()).isPositive();
        assertThat(hospital.auditTrail.writtenAfter(before)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.READ);
            assertThat(e.entity()).isEqualTo(new EntityRef("AuditExport", asked.id().toString()));
        });
    }

    @Test
    void expiredExportsArePurgedWithTheirFiles() {
        appendReads(2);
        AuditExport asked = desk.exportEvents(AUDITOR, AuditFilter.all(), ExportFormat.NDJSON, false);
        queue.runNext(WORKER);

        clock.set(NOW.plus(Duration.ofDays(6)));
        assertThat(queue.purgeExpired()).isZero();
        clock.set(NOW.plus(Duration.ofDays(8)));
        assertThat(queue.purgeExpired()).isEqualTo(1);

        assertThat(files.holds(asked)).isFalse();
        assertThat(exports.find(asked.id())).isEmpty();
        assertThat(hospital.auditTrail.written().getLast().action()).isEqualTo(AuditAction.DELETE);
    }

    @Test
    void aLongExportReportsItsProgressAsItGoes() {
        appendReads(5_000);
        desk.exportEvents(AUDITOR, AuditFilter.all(), ExportFormat.NDJSON, false);
        clock.tickEveryRead(Duration.ofMillis(600));

        queue.runNext(WORKER);

        assertThat(exports.progressReports).isNotEmpty().isSorted().allSatisfy(written ->
                assertThat(written).isPositive().isLessThan(5_001));
    }

    private void appendReads(int count) {
        hospital.transactions.inOne(() -> {
            for (int i = 0; i < count; i++) {
                hospital.auditTrail.append(read("p-" + i, NOW.minusSeconds(count - i)));
            }
            return null;
        });
    }

    private static AuditEvent read(String entity, Instant at) {
        return new AuditEvent(new Actor("dr-li", Role.CLINICIAN), AuditAction.READ, new EntityRef("Patient", entity),
                null, AuditOutcome.SUCCESS, at, "10.0.0.1", "treatment", null);
    }
}
