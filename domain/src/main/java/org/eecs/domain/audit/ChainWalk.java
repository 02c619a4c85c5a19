package org.eecs.domain.audit;

/**
 * Checks a stretch of the chain one event at a time, as the events arrive in sequence order, holding nothing but
 * the last link: how a stream of any length is verified in constant memory. The first break found is kept; events
 * after it are not checked.
 */
public final class ChainWalk {

    private long previousSequence;
    private String previousHash;
    private long checked;
    private ChainVerification.Broken broken;

    /** Starts after the anchor: sequence 0 and {@link AuditChain#GENESIS} for the whole chain. */
    public ChainWalk(long anchorSequence, String anchorHash) {
        this.previousSequence = anchorSequence;
        this.previousHash = ChainedAuditEvent.requireHash("anchorHash", anchorHash);
    }

    /** Checks the next event; false once the chain is broken (here or before). */
    public boolean next(ChainedAuditEvent current) {
        if (broken != null) {
            return false;
        }
        long expected = previousSequence + 1;
        if (current.sequence() != expected) {
            long found = current.sequence();
            if (found < expected) {
                broken = new ChainVerification.Broken(expected, BreakKind.OUT_OF_ORDER, "event " + found
                        + " appears where event " + expected + " was expected", checked);
            } else {
                String missing = found == expected + 1 ? "event " + expected
                        : "events " + expected + " to " + (found - 1);
                broken = new ChainVerification.Broken(expected, BreakKind.MISSING, missing + " missing: event "
                        + found + " follows event " + (expected - 1), checked);
            }
            return false;
        }
        if (!current.previousHash().equals(previousHash)) {
            broken = new ChainVerification.Broken(expected, BreakKind.MISLINKED, "event " + expected
                    + " points at previous hash " + current.previousHash() + " but the event before it has hash "
                    + previousHash, checked);
            return false;
        }
        if (!AuditChain.holds(current)) {
            String recomputed = AuditChain.rehash(current);
            broken = new ChainVerification.Broken(expected, BreakKind.ALTERED, "event " + expected
                    + " was stored with hash " + current.hash() + " but its content hashes to " + recomputed, checked);
            return false;
        }
        previousSequence = current.sequence();
        previousHash = current.hash();
        checked++;
        return true;
    }

    /** The verdict so far: intact with the last hash to anchor on, or the first break. */
    public ChainVerification result() {
        return broken != null ? broken : new ChainVerification.Intact(checked, previousHash);
    }

    public long checked() {
        return checked;
    }
}
