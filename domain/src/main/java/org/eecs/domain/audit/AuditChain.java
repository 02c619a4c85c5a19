package org.eecs.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.eecs.domain.Require;

/**
 * Makes the audit trail tamper-evident. Each event's hash covers its own content and the hash of the event
 * before it, so changing, deleting, reordering or splicing a stored event breaks the chain from that point on:
 *
 * <pre>
 *   hash(n) = lower-case hex of SHA-256( UTF-8( hash(n-1) + "\n" + event(n).canonicalForm() ) )
 *   hash(0) = {@link #GENESIS}
 * </pre>
 */
public final class AuditChain {

    /** The previous hash of the very first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    public static String hash(String previousHash, AuditEvent event) {
        ChainedAuditEvent.requireHash("previousHash", previousHash);
        Require.present("audit event", event);
        return HEX.formatHex(digest(previousHash, event));
    }

    /**
     * Whether a stored event's content, after its previous hash, still hashes to its stored hash. Both hashes were
     * checked once, when the event was made ({@link ChainedAuditEvent}), so they are not checked again here; the
     * digest is compared with the stored hex digits without building a string (an export checks a million).
     */
    public static boolean holds(ChainedAuditEvent stored) {
        byte[] digest = digest(stored.previousHash(), stored.event());
        String hash = stored.hash();
        for (int i = 0; i < digest.length; i++) {
            if (hash.charAt(2 * i) != HEX_DIGITS[digest[i] >> 4 & 0xF]
                    || hash.charAt(2 * i + 1) != HEX_DIGITS[digest[i] & 0xF]) {
                return false;
            }
        }
        return true;
    }

    /** The hash a stored event's content gives after its previous hash (which its record has already checked). */
    public static String rehash(ChainedAuditEvent stored) {
        return HEX.formatHex(digest(stored.previousHash(), stored.event()));
    }

    /**
     * SHA-256 of the previous hash, a line feed and the canonical form, as UTF-8, built in this thread's reused
     * builder (the text is turned into bytes by the JDK's own bulk copy: a loop over the builder's characters was a
     * fifth of an export's time).
     */
    private static byte[] digest(String previousHash, AuditEvent event) {
        Hashing hashing = HASHING.get();
        StringBuilder content = hashing.text;
        content.setLength(0);
        event.appendCanonicalForm(content.append(previousHash).append('\n'));
        return hashing.sha256.digest(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ChainedAuditEvent link(long sequence, String previousHash, AuditEvent event) {
        return new ChainedAuditEvent(sequence, event, previousHash, hash(previousHash, event));
    }

    /**
     * Checks a stretch of the chain that follows {@code anchorHash}: {@link #GENESIS} for the whole chain,
     * or the hash of the last event verified before. When anchored on GENESIS the first event must be
     * sequence 1; otherwise the first event's sequence is taken as given.
     */
    public static ChainVerification verify(String anchorHash, List<ChainedAuditEvent> eventsInSequenceOrder) {
        Require.present("events", eventsInSequenceOrder);
        long anchorSequence;
        if (GENESIS.equals(anchorHash)) {
            anchorSequence = 0;
        } else {
            anchorSequence = eventsInSequenceOrder.isEmpty() ? 0 : eventsInSequenceOrder.get(0).sequence() - 1;
        }
        return verify(anchorSequence, anchorHash, eventsInSequenceOrder);
    }

    /**
     * As {@link #verify(String, List)}, with the anchor's own sequence number known ({@code 0} for GENESIS),
     * so that events deleted right after the anchor are reported as missing.
     */
    public static ChainVerification verify(long anchorSequence, String anchorHash,
                                           List<ChainedAuditEvent> eventsInSequenceOrder) {
        List<ChainedAuditEvent> events = List.copyOf(Require.present("events", eventsInSequenceOrder));
        ChainWalk walk = new ChainWalk(anchorSequence, anchorHash);
        long previousSequence = anchorSequence;
        for (int i = 0; i < events.size(); i++) {
            ChainedAuditEvent current = events.get(i);
            if (current.sequence() != previousSequence + 1) {
                return sequenceBreak(events, i, previousSequence + 1);
            }
            if (!walk.next(current)) {
                return walk.result();
            }
            previousSequence = current.sequence();
        }
        return walk.result();
    }

    /** A wrong sequence number is a deletion unless the expected event turns up later in the list. */
    private static ChainVerification.Broken sequenceBreak(List<ChainedAuditEvent> events, int index, long expected) {
        long found = events.get(index).sequence();
        boolean expectedComesLater = events.subList(index + 1, events.size()).stream()
                .anyMatch(e -> e.sequence() == expected);
        if (found < expected || expectedComesLater) {
            return new ChainVerification.Broken(expected, BreakKind.OUT_OF_ORDER, "event " + found
                    + " appears where event " + expected + " was expected", index);
        }
        String missing = found == expected + 1 ? "event " + expected : "events " + expected + " to " + (found - 1);
        return new ChainVerification.Broken(expected, BreakKind.MISSING, missing + " missing: event " + found
                + " follows event " + (expected - 1), index);
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** One digest and builder a thread, reused: looking a digest up costs more than hashing an event. */
    private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);

    private static final class Hashing {
        final MessageDigest sha256;
        final StringBuilder text = new StringBuilder(512);

        Hashing() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
        }
    }
}
