package org.eecs.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eecs.adapter.out.persistence.AuditChainFiller;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ExportingAuditTrail;
import org.eecs.application.port.in.RunningExports;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The export of 1,000,000 audit events, from the request to the finished file with its manifest: the database
 * cursor, the chain check of every link, the NDJSON, CSV or FHIR Bundle writing, gzip when asked, the SHA-256. The whole server
 * runs in a JVM capped at 256 MB of heap; the peak heap of each export is printed after it. Score: seconds per
 * export (events per second = 1,000,000 / score).
 * Run: ./mvnw -pl adapters -am -DskipTests test-compile exec:exec@bench -Dbench=AuditExport (six forks, a filling
 * each); all six formats in one fork: -Dbench="AuditExport -p format=ALL -wi 1 -i 6".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class AuditExportBenchmark {

    private static final Instant DAY = Instant.parse("2042-06-01T00:00:00Z");
    private static final Caller AUDITOR = new Caller(new Actor("benchmark", Role.AUDITOR), null, null, null);

    /** Events stored and exported: the target is for 1,000,000; fewer (e.g. {@code -p events=200000}) for profiling. */
    @Param("1000000")
    public int events;

    /**
     * One format, or {@code ALL}: then each iteration (warm-up included) exports the next of the six formats, NDJSON,
     * CSV, FHIR_BUNDLE, then the three gzipped ({@code gzip} is then ignored), so that one fork and one filling
     * measure them all: {@code -p format=ALL -wi 1 -i 6}.
     */
    @Param({"NDJSON", "CSV", "FHIR_BUNDLE"})
    public String format;

    @Param({"false", "true"})
    public boolean gzip;

    private int iteration;
    private ExportFormat exported;
    private boolean gzipped;

    private ConfigurableApplicationContext server;
    private ExportingAuditTrail exports;
    private RunningExports writer;
    private AuditExport last;
    private long started;
    private long cpuAtStart;
    private long gcAtStart;
    private long databaseAtStart;
    private int databasePort;
    private long jitAtStart;

    @Setup(Level.Trial)
    public void startAndFill() {
        server = AuditServer.start();
        exports = server.getBean(ExportingAuditTrail.class);
        writer = server.getBean(RunningExports.class);
        databasePort = databasePort(server.getBean(DataSource.class));
        PatientId patient = PatientId.newId();
        long filling = System.nanoTime();
        AuditChainFiller.append(server.getBean(DataSource.class), events, i -> new AuditEvent(
                new Actor("dr-" + (i % 50), Role.CLINICIAN), AuditAction.READ,
                new EntityRef("CareSession", UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString()),
                i % 3 == 0 ? patient : null, AuditOutcome.SUCCESS, DAY.plusMillis(i), "10.0.0." + (i % 250),
                "treatment", "req-" + i));
        System.out.printf("%n%d events stored in %d s%n", events, (System.nanoTime() - filling) / 1_000_000_000);
    }

    @Setup(Level.Iteration)
    public void resetPeaks() {
        if (format.equals("ALL")) {
            exported = ExportFormat.values()[iteration % 3];
            gzipped = iteration % 6 >= 3;
        } else {
            exported = ExportFormat.valueOf(format);
            gzipped = gzip;
        }
        iteration++;
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        started = System.nanoTime();
        cpuAtStart = processCpuNanos();
        gcAtStart = gcMillis();
        databaseAtStart = DatabaseCpu.ticks(databasePort);
        jitAtStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    @Benchmark
    public AuditExport exportOneMillionEvents() {
        AuditExport asked = exports.exportEvents(AUDITOR,
                AuditFilter.all().withTimes(DAY, DAY.plus(Duration.ofDays(1))), exported, gzipped);
        while (writer.runNext("benchmark").isPresent()) {
            // writes the export just asked for (and any left over), on this thread
        }
        last = exports.status(AUDITOR, asked.id());
        return last;
    }

    @TearDown(Level.Iteration)
    public void report() {
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("%n%s%s: %d events, %d bytes, chain %s, %.0f events/s, peak heap %d MB (sum of pool "
                        + "peaks), server JVM CPU %.2f s per 100,000 events (GC pauses %d ms, compiling %d ms in all), "
                        + "PostgreSQL CPU %.2f s per 100,000 events, load %s%n", exported, gzipped ? " gzip" : "",
                last.manifest().events(), last.manifest().bytes(),
                last.manifest().chain().intact() ? "intact" : "BROKEN", last.manifest().events() / seconds,
                peak / (1024 * 1024), cpuSeconds * 100_000 / last.manifest().events(), gcMillis() - gcAtStart,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitAtStart,
                DatabaseCpu.seconds(DatabaseCpu.ticks(databasePort) - databaseAtStart) * 100_000 / last.manifest().events(), load());
    }

    /** CPU time of this JVM (all its threads, GC and compiler included; the database is another process). */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int databasePort(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Matcher port = Pattern.compile("//[^/:]+:(\\d+)/").matcher(connection.getMetaData().getURL());
            return port.find() ? Integer.parseInt(port.group(1)) : 5432;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database's port", e);
        }
    }

    /** Time the collectors spent (pauses, summed over collectors; each pause may keep several threads busy). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }
}
