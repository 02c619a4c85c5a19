package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit trail searched and streamed as PostgreSQL holds it: each criterion, keyset pages, the cursor. */
@IntegrationTest
class AuditTrailSearchInPostgresTest {

    private static final Instant T0 = Instant.parse("2031-05-01T08:00:00Z");

    @Autowired AuditTrail auditTrail;
    @Autowired AuditTrailSearch search;
    @Autowired Transactions transactions;

    /** Every event of one test carries this request id prefix and this actor, so tests do not see each other. */
    private String run;
    private final PatientId patient = PatientId.newId();
    private final List<ChainedAuditEvent> written = new ArrayList<>();

    @BeforeEach
    void writeTenEvents() {
        run = "search-" + UUID.randomUUID();
        transactions.inOne(() -> {
            for (int i = 0; i < 10; i++) {
                boolean clinician = i % 2 == 0;
                written.add(auditTrail.append(new AuditEvent(
                        new Actor(clinician ? run + "-dr" : run + "-robot", clinician ? Role.CLINICIAN : Role.ROBOT),
                        i < 7 ? AuditAction.READ : AuditAction.UPDATE, new EntityRef("CareSession", run + "-" + i),
                        i < 5 ? patient : null, i == 9 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS,
                        T0.plusSeconds(i), "10.0.0.1", "audit", run + "-req-" + (i / 3))));
            }
            return null;
        });
    }

    private AuditFilter mine() {
        return AuditFilter.all().withSequences(written.getFirst().sequence(), written.getLast().sequence());
    }

    @Test
    void eachCriterionNarrowsTheEvents() {
        assertThat(sequencesOf(mine().withActor(run + "-dr", null))).containsExactly(0, 2, 4, 6, 8);
        assertThat(sequencesOf(mine().withActor(null, Role.ROBOT))).containsExactly(1, 3, 5, 7, 9);
        assertThat(sequencesOf(AuditFilter.all().withPatient(patient))).containsExactly(0, 1, 2, 3, 4);
        assertThat(sequencesOf(mine().withAction(AuditAction.UPDATE, null))).containsExactly(7, 8, 9);
        assertThat(sequencesOf(mine().withAction(null, AuditOutcome.DENIED))).containsExactly(9);
        assertThat(sequencesOf(AuditFilter.all().withRequestId(run + "-req-1"))).containsExactly(3, 4, 5);
        assertThat(sequencesOf(AuditFilter.all().withEntity("CareSession", run + "-6"))).containsExactly(6);
        assertThat(sequencesOf(mine().withTimes(T0.plusSeconds(2), T0.plusSeconds(5)))).containsExactly(2, 3, 4);
    }

    @Test
    void criteriaCombine() {
        AuditFilter filter = mine().withActor(run + "-dr", Role.CLINICIAN).withPatient(patient)
                .withTimes(T0.plusSeconds(1), T0.plusSeconds(10));

        assertThat(sequencesOf(filter)).containsExactly(2, 4);
        assertThat(search.count(filter)).isEqualTo(2);
    }

    @Test
    void keysetPagesWalkTheEventsInEitherOrder_andStayStableWhileEventsAreAppended() {
        AuditFilter filter = AuditFilter.all().withActor(run + "-dr", null);
        List<ChainedAuditEvent> first = search.page(filter, null, 2, Order.OLDEST_FIRST);
        transactions.inOne(() -> auditTrail.append(new AuditEvent(new Actor(run + "-dr", Role.CLINICIAN),
                AuditAction.READ, new EntityRef("Patient", run), null, AuditOutcome.SUCCESS, T0, null, null, null)));
        List<ChainedAuditEvent> second = search.page(filter, first.getLast().sequence(), 2, Order.OLDEST_FIRST);
        List<ChainedAuditEvent> newest = search.page(filter, null, 2, Order.NEWEST_FIRST);
        List<ChainedAuditEvent> older = search.page(filter, newest.getLast().sequence(), 2, Order.NEWEST_FIRST);

        assertThat(first).containsExactly(written.get(0), written.get(2));
        assertThat(second).containsExactly(written.get(4), written.get(6));
        assertThat(newest.getLast()).isEqualTo(written.get(8));
        assertThat(older).containsExactly(written.get(6), written.get(4));
    }

    @Test
    void aStreamYieldsEveryMatchingEventInSequenceOrder_exactlyAsStored() {
        List<ChainedAuditEvent> streamed = new ArrayList<>();

        long count = search.stream(mine(), streamed::add);

        assertThat(count).isEqualTo(10);
        assertThat(streamed).isEqualTo(written);
    }

    @Test
    void aReaderThatFailsEndsTheStream() {
        List<ChainedAuditEvent> streamed = new ArrayList<>();

        assertThatThrownBy(() -> search.stream(mine(), event -> {
            streamed.add(event);
            if (streamed.size() == 3) {
                throw new IllegalStateException("the client went away");
            }
        })).hasMessageContaining("went away");
        assertThat(streamed).hasSize(3);
    }

    @Test
    void hostileTextIsMatchedAsTextNeverAsSql() {
        assertThat(search.count(AuditFilter.all().withActor("x' or '1'='1", null))).isZero();
        assertThat(search.count(AuditFilter.all().withRequestId("%"))).isZero();
    }

    private List<Integer> sequencesOf(AuditFilter filter) {
        long base = written.getFirst().sequence();
        return search.page(filter, null, 100, Order.OLDEST_FIRST).stream()
                .map(event -> (int) (event.sequence() - base)).toList();
    }
}
