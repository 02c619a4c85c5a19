package org.eecs.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.VerifyingAuditTrail;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Audit writes with the hash chain: 8 threads each appending one event per transaction, as 8 concurrent requests
 * would, on PostgreSQL through the real adapter (advisory lock, head read, insert into the month's partition).
 * Score: events per second. After the run the whole chain is verified; a broken chain fails the benchmark.
 * Run: ./mvnw -pl adapters -am -DskipTests test-compile exec:exec@bench -Dbench=AuditWrite
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(8)
@Fork(1)
public class AuditWriteBenchmark {

    private static final Caller AUDITOR = new Caller(new Actor("benchmark", Role.AUDITOR), null, null, null);

    private ConfigurableApplicationContext server;
    private AuditTrail auditTrail;
    private Transactions transactions;
    private final AtomicLong written = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
        server = AuditServer.start();
        auditTrail = server.getBean(AuditTrail.class);
        transactions = server.getBean(Transactions.class);
    }

    @Benchmark
    public ChainedAuditEvent appendOneEvent() {
        long n = written.incrementAndGet();
        return transactions.inOne(() -> auditTrail.append(new AuditEvent(
                new Actor("dr-" + (n % 40), Role.CLINICIAN), AuditAction.READ, new EntityRef("Patient", "p-" + n),
                null, AuditOutcome.SUCCESS, Instant.now(), "10.0.0.1", "treatment", "req-" + n)));
    }

    @TearDown(Level.Trial)
    public void verifyTheWholeChain() {
        long started = System.nanoTime();
        ChainVerification chain = server.getBean(VerifyingAuditTrail.class).verify(AUDITOR, Instant.EPOCH,
                Instant.parse("9999-01-01T00:00:00Z"));
        System.out.printf("%nchain after %d appends: %s, verified in %d ms%n", written.get(), chain,
                (System.nanoTime() - started) / 1_000_000);
        server.close();
        if (!chain.intact()) {
            throw new IllegalStateException("the chain broke under concurrent writers: " + chain);
        }
    }
}
