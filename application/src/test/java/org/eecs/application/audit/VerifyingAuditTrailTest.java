package org.eecs.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eecs.application.fakes.ImmediateTransactions;
import org.eecs.application.fakes.InMemoryAuditTrail;
import org.eecs.application.port.in.Caller;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.BreakKind;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.junit.jupiter.api.Test;

class VerifyingAuditTrailTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Caller AUDITOR = new Caller(new Actor("auditor-ada", Role.AUDITOR), "10.9.9.9", "req-9", "audit");

    private final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
    private final AuditTrailVerifier verifier = new AuditTrailVerifier(auditTrail, new ImmediateTransactions(),
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void anUntouchedChainLongerThanOnePageVerifies() {
        int events = AuditTrailVerifier.PAGE_SIZE * 2 + 500;
        appendReads(events);

        ChainVerification result = verifier.verify(AUDITOR, START, START.plusSeconds(events));

        assertThat(result).isEqualTo(new ChainVerification.Intact(events, auditTrail.events().get(events - 1).hash()));
    }

    @Test
    void aRangeInTheMiddleIsAnchoredOnTheEventBeforeIt() {
        appendReads(10);

        ChainVerification result = verifier.verify(AUDITOR, START.plusSeconds(4), START.plusSeconds(8));

        assertThat(result).isEqualTo(new ChainVerification.Intact(4, auditTrail.events().get(7).hash()));
    }

    @Test
    void anAlteredEventIsReportedWithItsSequence() {
        appendReads(AuditTrailVerifier.PAGE_SIZE + 10);
        auditTrail.replace(1_005, read("forged", START.plusSeconds(1_004)));

        ChainVerification result = verifier.verify(AUDITOR, START, START.plusSeconds(2_000));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(1_005);
            assertThat(broken.kind()).isEqualTo(BreakKind.ALTERED);
            assertThat(broken.eventsChecked()).isEqualTo(1_004);
        });
    }

    @Test
    void aRemovedEventAtAPageBoundaryIsReportedAsMissing() {
        appendReads(AuditTrailVerifier.PAGE_SIZE + 10);
        auditTrail.remove(AuditTrailVerifier.PAGE_SIZE + 1);

        ChainVerification result = verifier.verify(AUDITOR, START, START.plusSeconds(2_000));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(AuditTrailVerifier.PAGE_SIZE + 1);
            assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
        });
    }

    @Test
    void aRemovedAnchorIsReportedAsMissing() {
        appendReads(10);
        auditTrail.remove(4);

        ChainVerification result = verifier.verify(AUDITOR, START.plusSeconds(4), START.plusSeconds(8));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(4);
            assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
        });
    }

    @Test
    void anEmptyRangeIsIntactWithNothingChecked() {
        ChainVerification result = verifier.verify(AUDITOR, START, START.plusSeconds(60));

        assertThat(result.intact()).isTrue();
        assertThat(((ChainVerification.Intact) result).eventsChecked()).isZero();
    }

    @Test
    void theVerificationIsItselfAudited() {
        appendReads(3);
        auditTrail.replace(2, read("forged", START.plusSeconds(1)));

        verifier.verify(AUDITOR, START, START.plusSeconds(60));

        assertThat(auditTrail.events().getLast().event()).satisfies(event -> {
            assertThat(event.actor()).isEqualTo(AUDITOR.actor());
            assertThat(event.action()).isEqualTo(AuditAction.EXECUTE);
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
        });
    }

    private void appendReads(int count) {
        for (int i = 0; i < count; i++) {
            auditTrail.append(read("p-" + i, START.plusSeconds(i)));
        }
    }

    private static AuditEvent read(String entityId, Instant at) {
        return new AuditEvent(new Actor("dr-li", Role.CLINICIAN), AuditAction.READ, new EntityRef("Patient", entityId),
                null, AuditOutcome.SUCCESS, at, null, null, null);
    }
}
