package org.eecs.application.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.VerifyingAuditTrail;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.AuditTrail.SequenceRange;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.BreakKind;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;

/**
 * Walks the audit chain page by page (constant memory, whatever the range) and reports the first broken link.
 * The verification itself is an audited act.
 */
public final class AuditTrailVerifier implements VerifyingAuditTrail {

    static final int PAGE_SIZE = 1_000;

    private final AuditTrail auditTrail;
    private final Transactions transactions;
    private final Clock clock;

    public AuditTrailVerifier(AuditTrail auditTrail, Transactions transactions, Clock clock) {
        this.auditTrail = auditTrail;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ChainVerification verify(Caller caller, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new InvalidRequest("the range ends (" + to + ") before it starts (" + from + ")");
        }
        ChainVerification result = auditTrail.sequencesBetween(from, to)
                .map(this::walk)
                .orElseGet(() -> new ChainVerification.Intact(0, null));
        transactions.inOne(() -> auditTrail.append(caller.audit(AuditAction.EXECUTE,
                new EntityRef("AuditTrailVerification", from + "/" + to), null,
                result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, clock.instant())));
        return result;
    }

    private ChainVerification walk(SequenceRange range) {
        long expected = range.first();
        Optional<String> anchor = expected == 1 ? Optional.of(AuditChain.GENESIS) : auditTrail.hashOf(expected - 1);
        if (anchor.isEmpty()) {
            return new ChainVerification.Broken(expected - 1, BreakKind.MISSING,
                    "the event before the range, which anchors it, is missing", 0);
        }
        String previousHash = anchor.get();
        long checked = 0;
        while (expected <= range.last()) {
            long last = range.last();
            List<ChainedAuditEvent> page = auditTrail.readFrom(expected, PAGE_SIZE).stream()
                    .filter(event -> event.sequence() <= last)
                    .toList();
            if (page.isEmpty()) {
                return new ChainVerification.Broken(expected, BreakKind.MISSING,
                        "events " + expected + " to " + last + " are missing from the chain", checked);
            }
            switch (AuditChain.verify(expected - 1, previousHash, page)) {
                case ChainVerification.Broken broken -> {
                    return new ChainVerification.Broken(broken.sequence(), broken.kind(), broken.detail(),
                            checked + broken.eventsChecked());
                }
                case ChainVerification.Intact intact -> {
                    checked += intact.eventsChecked();
                    previousHash = intact.lastHash();
                    expected = page.getLast().sequence() + 1;
                }
            }
        }
        return new ChainVerification.Intact(checked, previousHash);
    }
}
