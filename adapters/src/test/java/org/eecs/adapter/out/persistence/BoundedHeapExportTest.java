package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ExportingAuditTrail;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.eecs.testing.IntegrationTest;
import org.eecs.tools.VerifyAuditExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * An export of 100,000 events streams from the database to the file with a bounded heap, in CSV (as NDJSON, a
 * line an event) and as a FHIR Bundle (one resource an entry, each encoded by HAPI). The heap is measured as
 * what stays reachable (after a full collection) while the stream is a quarter, half, three quarters through: a
 * reader or writer that held the events, or a driver that fetched them all at once, would hold tens of megabytes
 * there; a stream holds one fetch of rows and a buffer. Speed is the benchmark's business (docs/benchmarks.md).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundedHeapExportTest {

    private static final int EVENTS = 100_000;
    private static final long BOUND = 16L * 1024 * 1024;
    private static final Instant DAY = Instant.parse("2041-03-01T00:00:00Z");
    private static final Caller AUDITOR = new Caller(new Actor("auditor-ada", Role.AUDITOR), null, null, "audit");

    @Autowired DataSource dataSource;
    @Autowired AuditTrailSearch search;
    @Autowired AuditExportFiles files;
    @Autowired ExportingAuditTrail exports;
    @Value("${eecs.exports.directory}") Path directory;

    private AuditFilter theDay;

    @BeforeAll
    void fillADayWithEvents() {
        PatientId patient = PatientId.newId();
        AuditChainFiller.append(dataSource, EVENTS, i -> new AuditEvent(
                new Actor("dr-" + (i % 50), Role.CLINICIAN), AuditAction.READ,
                new EntityRef("CareSession", UUID.randomUUID().toString()), i % 3 == 0 ? patient : null,
                AuditOutcome.SUCCESS, DAY.plusMillis(i), "10.0.0." + (i % 250), "treatment, \"ward\" 4",
                "req-" + i));
        theDay = AuditFilter.all().withTimes(DAY, DAY.plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"CSV", "FHIR_BUNDLE"})
    void theStreamHoldsNoMoreThanABoundedHeapWhateverItsLength(ExportFormat format) {
        AuditExport export = new AuditExport(UUID.randomUUID(), ExportKind.AUDIT_EVENTS, format,
                true, theDay, null, null, null, AUDITOR.actor(), Instant.now(), ExportState.RUNNING, 0, null,
                null, null, null);
        long baseline = reachableHeap();
        List<Long> growth = new ArrayList<>();
        long[] streamed = {0};

        try (AuditExportFiles.Writer writer = files.create(export)) {
            search.stream(theDay, event -> {
                writer.event(event);
                if (++streamed[0] % (EVENTS / 4) == 0 && streamed[0] < EVENTS) {
                    growth.add(reachableHeap() - baseline);
                }
            });
            writer.finish();
        } finally {
            files.deleteAll(export.id());
        }

        assertThat(streamed[0]).isEqualTo(EVENTS);
        assertThat(growth).hasSize(3).allSatisfy(bytes -> assertThat(bytes)
                .as("heap held by the stream, in bytes (bound %d)", BOUND).isLessThan(BOUND));
    }

    @Test
    void theExportOfTheDayHoldsEveryEvent_checkedOnTheWay_andVerifiesOffline() throws Exception {
        AuditExport asked = exports.exportEvents(AUDITOR, theDay, ExportFormat.NDJSON, true);
        AuditExport done = finished(asked);

        assertThat(done.manifest().events()).isEqualTo(EVENTS);
        assertThat(done.manifest().linksChecked()).isTrue();
        assertThat(done.manifest().chain()).isInstanceOf(ChainVerification.Intact.class);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = VerifyAuditExport.run(new String[] {directory.resolve(asked.id().toString())
                .resolve(asked.id() + ".manifest.json").toString()}, new PrintStream(printed));
        assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    }

    private AuditExport finished(AuditExport asked) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            AuditExport now = exports.status(AUDITOR, asked.id());
            assertThat(now.state()).isNotEqualTo(ExportState.FAILED);
            if (now.state() == ExportState.COMPLETED) {
                return now;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the export did not finish within three minutes");
    }

    /** Heap in use once everything unreachable is collected. */
    private static long reachableHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
