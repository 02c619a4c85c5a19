package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.VerifyingAuditTrail;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail as PostgreSQL keeps it: append-only, chained, and verifiable. */
@IntegrationTest
class AuditTrailInPostgresTest {

    private static final Caller AUDITOR = new Caller(new Actor("auditor-ada", Role.AUDITOR), "10.0.0.7", "req-1", "audit");
    private static final Instant ALL_TIME_FROM = Instant.EPOCH;
    private static final Instant ALL_TIME_TO = Instant.parse("9999-01-01T00:00:00Z");

    @Autowired AuditTrail auditTrail;
    @Autowired VerifyingAuditTrail verifier;
    @Autowired Transactions transactions;
    @Autowired Patients patients;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    @Test
    void appendedEventsRoundTripAsOneChain() {
        List<ChainedAuditEvent> appended = transactions.inOne(() -> List.of(
                auditTrail.append(event("first")), auditTrail.append(event("second"))));

        List<ChainedAuditEvent> read = auditTrail.readFrom(appended.getFirst().sequence(), 2);

        assertThat(read).isEqualTo(appended);
        assertThat(read.get(1).previousHash()).isEqualTo(read.get(0).hash());
        assertThat(read.get(1).sequence()).isEqualTo(read.get(0).sequence() + 1);
    }

    @Test
    void twoEventsOfOneUnit_areChainedInOneStatement_andVerify() {
        Instant from = Instant.parse("2091-01-01T00:00:00Z");
        AuditEvent read = eventAt("together-read", from);
        AuditEvent created = eventAt("together-created", from.plusSeconds(1));
        AuditEvent after = eventAt("together-after", from.plusSeconds(2));

        List<ChainedAuditEvent> appended = transactions.inOne(() -> {
            List<ChainedAuditEvent> together = new ArrayList<>(auditTrail.append(List.of(read, created)));
            together.add(auditTrail.append(after));
            return together;
        });

        ChainedAuditEvent first = appended.getFirst();
        assertThat(appended).as("chained exactly as if appended one by one").containsExactly(first,
                AuditChain.link(first.sequence() + 1, first.hash(), created),
                AuditChain.link(first.sequence() + 2, AuditChain.link(first.sequence() + 1, first.hash(), created)
                        .hash(), after));
        assertThat(auditTrail.readFrom(first.sequence(), 3)).isEqualTo(appended);
        assertThat(jdbc.sql("""
                        select count(distinct cmin::text) from audit_event where sequence in (?, ?)""")
                .params(first.sequence(), first.sequence() + 1).query(Long.class).single())
                .as("the unit's two events inserted by one statement").isEqualTo(1);
        assertThat(jdbc.sql("""
                        select bool_and(recorded_at >= (select recorded_at from audit_event where sequence = ?))
                        from audit_event where sequence in (?, ?)""")
                .params(first.sequence() - 1, first.sequence(), first.sequence() + 2).query(Boolean.class).single())
                .as("recorded no earlier than the head they link to").isTrue();
        assertThat(verifier.verify(AUDITOR, from, from.plusSeconds(60)).intact()).isTrue();
    }

    @Test
    void anAppendOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> auditTrail.append(event("loose")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theDatabaseRefusesToUpdateAnAuditEvent() {
        long sequence = transactions.inOne(() -> auditTrail.append(event("kept"))).sequence();

        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor_id = 'someone-else' where sequence = ?")
                .param(sequence).update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void theDatabaseRefusesToDeleteOrTruncateAuditEvents() {
        long sequence = transactions.inOne(() -> auditTrail.append(event("kept"))).sequence();

        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where sequence = ?").param(sequence).update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(auditTrail.hashOf(sequence)).isPresent();
    }

    @Test
    void anEventIsStoredOnlyIfTheChangeItDescribesIs() {
        Patient patient = Patient.register("Ash", 2001, Gender.OTHER, "en", Preferences.none());
        long eventsBefore = countEvents();

        assertThatThrownBy(() -> transactions.inOne(() -> {
            patients.save(patient);
            auditTrail.append(event("registered " + patient.id()));
            throw new IllegalStateException("the request failed after the audit was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(patients.find(patient.id())).isEmpty();
        assertThat(countEvents()).isEqualTo(eventsBefore);
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void tamperingBehindTheTriggersBackIsFoundAndLocated(Tampering tampering) {
        ChainVerification result = tamperedAndVerified(chain -> tampering.apply(jdbc, chain.get(1), chain.get(2)));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class,
                broken -> assertThat(broken.kind()).isEqualTo(tampering.found));
    }

    @Test
    void eightConcurrentWritersLeaveOneUnbrokenChain() throws Exception {
        int writers = 8;
        int eventsEach = 25;
        long before = countEvents();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                String name = "writer-" + writer;
                Callable<Integer> appendAll = () -> {
                    go.await();
                    for (int i = 0; i < eventsEach; i++) {
                        String id = name + "-" + i;
                        transactions.inOne(() -> auditTrail.append(event(id)));
                    }
                    return eventsEach;
                };
                done.add(pool.submit(appendAll));
            }
            go.countDown();
            for (Future<Integer> writer : done) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(countEvents()).isEqualTo(before + writers * eventsEach);
        assertThat(jdbc.sql("select count(distinct previous_hash) = count(*) from audit_event")
                .query(Boolean.class).single()).as("no two events link to the same predecessor").isTrue();
        ChainVerification whole = verifier.verify(AUDITOR, ALL_TIME_FROM, ALL_TIME_TO);
        assertThat(whole.intact()).isTrue();
        assertThat(((ChainVerification.Intact) whole).eventsChecked()).isGreaterThanOrEqualTo(writers * eventsEach);
    }

    @Test
    void aUnitAtTheHeadThisInstanceLeft_isAppendedInOneStatement_andVerifies() {
        List<String> statements = new CopyOnWriteArrayList<>();
        JdbcAuditTrail instance = new JdbcAuditTrail(counted(statements));
        ChainedAuditEvent left = transactions.inOne(() -> instance.append(event("the instance's first")));
        int firstUnit = statements.size();
        statements.clear();

        List<ChainedAuditEvent> next = transactions.inOne(() -> instance.append(
                List.of(event("at the head it left"), event("and the next"))));

        assertThat(firstUnit).as("its first unit: the head read under the lock, then the insert").isEqualTo(2);
        assertThat(statements).as("the lock, the head checked and the insert in one statement").hasSize(1);
        assertThat(next.getFirst().sequence()).isEqualTo(left.sequence() + 1);
        assertThat(next.getFirst().previousHash()).isEqualTo(left.hash());
        assertThat(auditTrail.readFrom(left.sequence(), 3)).containsExactly(left, next.get(0), next.get(1));
        assertThat(recordedInOrder(left.sequence(), next.getLast().sequence())).isTrue();
        assertThat(verifier.verify(AUDITOR, ALL_TIME_FROM, ALL_TIME_TO).intact()).isTrue();
    }

    @Test
    void aHeadMovedByAnotherInstance_isNoticedUnderTheLock_andTheEventsLinkToTheNewHead() {
        List<String> statements = new CopyOnWriteArrayList<>();
        JdbcAuditTrail instance = new JdbcAuditTrail(counted(statements));
        JdbcAuditTrail another = new JdbcAuditTrail(jdbc);
        transactions.inOne(() -> instance.append(event("left by the instance")));
        ChainedAuditEvent moved = transactions.inOne(() -> another.append(event("by another instance")));
        statements.clear();
        double movedBefore = headsFound("moved");

        ChainedAuditEvent appended = transactions.inOne(() -> instance.append(event("after the other's")));
        int unitAfterTheMove = statements.size();
        statements.clear();
        ChainedAuditEvent following = transactions.inOne(() -> instance.append(event("at its own head again")));

        assertThat(unitAfterTheMove).as("nothing inserted at the head assumed; the head found, then the insert")
                .isEqualTo(2);
        assertThat(headsFound("moved") - movedBefore).as("counted for the operators").isEqualTo(1);
        assertThat(appended.sequence()).isEqualTo(moved.sequence() + 1);
        assertThat(appended.previousHash()).isEqualTo(moved.hash());
        assertThat(statements).as("the head it left itself is assumed again").hasSize(1);
        assertThat(following.previousHash()).isEqualTo(appended.hash());
        assertThat(recordedInOrder(moved.sequence(), following.sequence())).isTrue();
        assertNoForkAndIntact();
    }

    @Test
    void aUnitRolledBackLeavesTheHeadThisInstanceAssumesAsItWas() {
        List<String> statements = new CopyOnWriteArrayList<>();
        JdbcAuditTrail instance = new JdbcAuditTrail(counted(statements));
        ChainedAuditEvent committed = transactions.inOne(() -> instance.append(event("committed")));
        assertThatThrownBy(() -> transactions.inOne(() -> {
            instance.append(event("rolled back"));
            throw new IllegalStateException("the unit failed after its audit");
        })).isInstanceOf(IllegalStateException.class);
        statements.clear();

        ChainedAuditEvent next = transactions.inOne(() -> instance.append(event("after the rollback")));

        assertThat(statements).hasSize(1);
        assertThat(next.sequence()).isEqualTo(committed.sequence() + 1);
        assertThat(next.previousHash()).isEqualTo(committed.hash());
    }

    /**
     * Units of one instance are told of their commits in any order: here a unit is told only after a later unit
     * appended and committed, and the instance still assumes the newer head of the two.
     */
    @Test
    void theNewestHeadIsAssumed_whenUnitsAreToldOfTheirCommitsOutOfOrder() {
        List<String> statements = new CopyOnWriteArrayList<>();
        JdbcAuditTrail instance = new JdbcAuditTrail(counted(statements));
        transactions.inOne(() -> instance.append(event("before both")));
        List<ChainedAuditEvent> later = new CopyOnWriteArrayList<>();

        transactions.inOne(() -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() { // runs before the append's own, registered after it
                    later.add(CompletableFuture.supplyAsync(() -> transactions.inOne(
                            () -> instance.append(event("committed before the earlier unit is told")))).join());
                }
            });
            return instance.append(event("told late"));
        });
        statements.clear();
        ChainedAuditEvent next = transactions.inOne(() -> instance.append(event("after both")));

        assertThat(statements).as("assumed the later unit's head, which is the head").hasSize(1);
        assertThat(next.previousHash()).isEqualTo(later.getFirst().hash());
        assertNoForkAndIntact();
    }

    @Test
    void concurrentUnitsOfTwoInstancesLeaveOneUnbrokenChain() throws Exception {
        List<JdbcAuditTrail> instances = List.of(new JdbcAuditTrail(jdbc), new JdbcAuditTrail(jdbc));
        int writersEach = 4;
        int unitsEach = 20;
        long before = countEvents();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * writersEach);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < instances.size() * writersEach; i++) {
                JdbcAuditTrail instance = instances.get(i % instances.size());
                String name = "instance-" + i % instances.size() + "-writer-" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int unit = 0; unit < unitsEach; unit++) {
                        String id = name + "-" + unit;
                        transactions.inOne(() -> {
                            instance.append(List.of(event(id + "-a"), event(id + "-b")));
                            return instance.append(event(id + "-c"));
                        });
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> writer : done) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(countEvents()).isEqualTo(before + instances.size() * writersEach * unitsEach * 3);
        assertNoForkAndIntact();
    }

    /**
     * Appends a short chain, lets the tampering (done as a superuser with the trigger disabled) return the
     * sequence it broke, verifies, and checks the break is located there. Everything is rolled back, so the
     * shared trail stays intact for the other tests.
     */
    private ChainVerification tamperedAndVerified(Function<List<Long>, Long> tampering) {
        TransactionTemplate rolledBack = new TransactionTemplate(transactionManager);
        return rolledBack.execute(status -> {
            status.setRollbackOnly();
            Instant from = Instant.parse("2090-01-01T00:00:00Z");
            List<Long> chain = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                chain.add(auditTrail.append(eventAt("tamper-" + i, from.plusSeconds(i))).sequence());
            }
            Tampering.disableTheGuards(jdbc);
            long brokenAt = tampering.apply(chain);

            ChainVerification result = verifier.verify(AUDITOR, from, from.plusSeconds(60));

            assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class,
                    broken -> assertThat(broken.sequence()).isEqualTo(brokenAt));
            return result;
        });
    }

    /** The context's database client, each statement it is given listed (one a round trip). */
    private JdbcClient counted(List<String> statements) {
        return sql -> {
            statements.add(sql);
            return jdbc.sql(sql);
        };
    }

    private static double headsFound(String found) {
        return Metrics.globalRegistry.counter("eecs.audit.heads", "found", found).count();
    }

    private boolean recordedInOrder(long from, long to) {
        return jdbc.sql("""
                        select bool_and(recorded_at >= previous) from (select recorded_at,
                            lag(recorded_at) over (order by sequence) as previous
                            from audit_event where sequence between ? and ?) as stretch""")
                .params(from, to).query(Boolean.class).single();
    }

    private void assertNoForkAndIntact() {
        assertThat(jdbc.sql("select count(distinct previous_hash) = count(*) from audit_event")
                .query(Boolean.class).single()).as("no two events link to the same predecessor").isTrue();
        assertThat(verifier.verify(AUDITOR, ALL_TIME_FROM, ALL_TIME_TO).intact()).isTrue();
    }

    private long countEvents() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    private static AuditEvent event(String entityId) {
        return eventAt(entityId, Instant.now());
    }

    private static AuditEvent eventAt(String entityId, Instant at) {
        return new AuditEvent(new Actor("dr-li", Role.CLINICIAN), AuditAction.READ, new EntityRef("Patient", entityId),
                null, AuditOutcome.SUCCESS, at, "10.0.0.5", "treatment", "req-" + entityId);
    }
}
