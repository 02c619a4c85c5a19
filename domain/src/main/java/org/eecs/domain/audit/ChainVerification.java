package org.eecs.domain.audit;

/** The verdict of {@link AuditChain#verify}: the chain is intact, or where and how it first breaks. */
public sealed interface ChainVerification {

    boolean intact();

    /** Every event checked out; {@code lastHash} is the hash to anchor the next verification on. */
    record Intact(long eventsChecked, String lastHash) implements ChainVerification {

        @Override
        public boolean intact() {
            return true;
        }
    }

    /**
     * The first break found. {@code sequence} is the position in the chain where it breaks: the altered or
     * mislinked event, the first missing sequence number, or the sequence number that was expected where an
     * out-of-order event was found. {@code eventsChecked} counts the events verified before the break.
     */
    record Broken(long sequence, BreakKind kind, String detail, long eventsChecked) implements ChainVerification {

        @Override
        public boolean intact() {
            return false;
        }
    }
}
