package org.eecs.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ExportingCareRecords;
import org.eecs.application.port.in.RunningExports;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A system-level bulk export of 1,001,000 resources (1,000 Patients, 10,000 Encounters, 10,000 rating
 * Observations and 980,000 emotion Observations with seven probabilities each, made by SQL), run by the export use case as the job worker runs it, in a JVM
 * whose whole heap, the server included, is capped at 256 MB: finishing at all shows the export streams. The peak
 * heap after the export is printed (the highest use of each heap pool since start). One shot: the time is the
 * export's, from claiming the job to its files and audit events written.
 * Run: ./mvnw -pl adapters -am -DskipTests test-compile exec:exec@bench -Dbench=FhirBulkExport
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m", "-XX:+UseSerialGC"})
public class FhirBulkExportBenchmark {

    private FhirBenchmarkServer server;
    private ExportingCareRecords exports;
    private RunningExports worker;
    private UUID job;

    @Setup(Level.Trial)
    public void seed() {
        server = FhirBenchmarkServer.start();
        Instant start = Instant.now();
        server.seed(1_000, 10, 7, 14); // 70,000 turns of 14 observations: 980,000
        long resources = server.jdbc.sql("select (select count(*) from patient) + (select count(*) from care_session)"
                + " + (select count(*) from care_experience_rating) + (select count(*) from emotion_observation)")
                .query(Long.class).single();
        System.out.println("seeded " + resources + " resources in " + Duration.between(start, Instant.now()));
        exports = server.context.getBean(ExportingCareRecords.class);
        worker = server.context.getBean(RunningExports.class);
        Caller hospital = new Caller(new Actor("integration-his", Role.INTEGRATION), "127.0.0.1", "bench", null);
        job = exports.request(hospital, EnumSet.complementOf(EnumSet.of(RecordType.ROBOT, RecordType.CONSENT)), null,
                "bench").id();
        resetPeaks();
    }

    @Benchmark
    public UUID exportAll() {
        return worker.runNext("benchmark").orElseThrow();
    }

    @TearDown(Level.Trial)
    public void report() {
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        BulkExportJob done = exports.status(new Caller(new Actor("integration-his", Role.INTEGRATION), null, null, null),
                job);
        System.out.println("export " + done.state() + ": " + done.files().stream()
                .map(file -> file.type() + " " + file.records()).toList());
        System.out.printf("peak heap (sum of the heap pools' peaks, an upper bound) during the export: %.0f MB%n",
                peak / 1024.0 / 1024.0);
        server.close();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }
}
