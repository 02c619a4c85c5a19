package org.eecs.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.junit.jupiter.api.Test;

/** The fake's units of work must behave like the database's, or the audit rules tested with it mean nothing. */
class ImmediateTransactionsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    private final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
    private final InMemoryRobots robots = new InMemoryRobots();
    private final ImmediateTransactions transactions = new ImmediateTransactions(auditTrail, robots);

    @Test
    void aUnitThatSucceeds_keepsItsChangesAndItsAuditEvents() {
        transactions.inOne(() -> {
            robots.save(robot("robot-1"));
            return auditTrail.append(event("kept", AuditOutcome.SUCCESS));
        });

        assertThat(robots.all()).hasSize(1);
        assertThat(auditTrail.written()).containsExactly(event("kept", AuditOutcome.SUCCESS));
        assertThat(transactions.rolledBack()).isZero();
    }

    @Test
    void aUnitThatThrows_discardsItsChangesAndItsAuditEvents() {
        auditTrail.append(event("before", AuditOutcome.SUCCESS));

        assertThatThrownBy(() -> transactions.inOne(() -> {
            robots.save(robot("robot-1"));
            auditTrail.append(event("lost", AuditOutcome.SUCCESS));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(robots.all()).isEmpty();
        assertThat(auditTrail.written()).containsExactly(event("before", AuditOutcome.SUCCESS));
        assertThat(transactions.discardedAuditEvents()).containsExactly(event("lost", AuditOutcome.SUCCESS));
        assertThat(transactions.rolledBack()).isEqualTo(1);
    }

    @Test
    void aJoinedUnitFailsWithTheUnitItJoined() {
        assertThatThrownBy(() -> transactions.inOne(() -> {
            transactions.inOne(() -> auditTrail.append(event("inner", AuditOutcome.SUCCESS)));
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");

        assertThat(auditTrail.written()).isEmpty();
        assertThat(transactions.units()).as("joining opens no unit").isEqualTo(1);
    }

    @Test
    void whatASeparateUnitAppends_survivesTheFailureOfTheUnitAroundIt_onAnIntactChain() {
        auditTrail.append(event("before", AuditOutcome.SUCCESS));

        assertThatThrownBy(() -> transactions.inOne(() -> {
            robots.save(robot("robot-1"));
            transactions.inSeparateOne(() -> auditTrail.append(event("refused", AuditOutcome.DENIED)));
            throw new IllegalStateException("request fails");
        })).hasMessage("request fails");

        assertThat(robots.all()).isEmpty();
        assertThat(auditTrail.written())
                .containsExactly(event("before", AuditOutcome.SUCCESS), event("refused", AuditOutcome.DENIED));
        assertThat(AuditChain.verify(AuditChain.GENESIS, auditTrail.events())).isInstanceOf(ChainVerification.Intact.class);
        assertThat(transactions.discardedAuditEvents()).isEmpty();
        assertThat(transactions.separateUnits()).isEqualTo(1);
    }

    @Test
    void aSeparateUnitThatThrows_discardsWhatItAppended() {
        assertThatThrownBy(() -> transactions.inSeparateOne(() -> {
            auditTrail.append(event("lost", AuditOutcome.DENIED));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(auditTrail.written()).isEmpty();
    }

    @Test
    void aSeparateUnitThatAppendsAfterItsSurroundingUnitHasAppended_isRefused_asTheChainLockWouldNeverBeGranted() {
        assertThatThrownBy(() -> transactions.inOne(() -> {
            auditTrail.append(event("holds the chain lock", AuditOutcome.SUCCESS));
            return transactions.inSeparateOne(() -> auditTrail.append(event("waits", AuditOutcome.DENIED)));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("waits forever");
    }

    private static Robot robot(String id) {
        return new Robot(new RobotId(id), "Robot", "model", "profile");
    }

    private static AuditEvent event(String entityId, AuditOutcome outcome) {
        return new AuditEvent(new Actor("dr-li", Role.CLINICIAN), AuditAction.READ, new EntityRef("Patient", entityId),
                null, outcome, NOW, null, null, null);
    }
}
