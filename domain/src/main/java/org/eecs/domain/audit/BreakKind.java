package org.eecs.domain.audit;

/** How an audit chain was found to be broken. */
public enum BreakKind {
    /** The event's content no longer matches the hash stored with it: a field was changed. */
    ALTERED,
    /** A sequence number is skipped: an event was deleted. */
    MISSING,
    /** The event does not point at the hash of the event before it: the chain was spliced. */
    MISLINKED,
    /** An event appears before one that precedes it in sequence, or a sequence number repeats. */
    OUT_OF_ORDER
}
