package org.eecs.domain.audit;

import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/** An audit event as stored: its place in the chain, the hash of the event before it, and its own hash. */
public record ChainedAuditEvent(long sequence, AuditEvent event, String previousHash, String hash) {

    public ChainedAuditEvent {
        if (sequence < 1) {
            throw new DomainViolation("audit events are numbered from 1, got sequence " + sequence);
        }
        Require.present("audit event", event);
        requireHash("previousHash", previousHash);
        requireHash("hash", hash);
    }

    static String requireHash(String field, String value) {
        Require.present(field, value);
        if (!isSha256Hex(value)) {
            throw new DomainViolation(field + " must be 64 lower-case hexadecimal characters (a SHA-256), got "
                    + Require.quote(value));
        }
        return value;
    }

    /** The characters of a hash: 0-9 and a-f. */
    private static final boolean[] HEX_DIGIT = new boolean['f' + 1];

    static {
        "0123456789abcdef".chars().forEach(c -> HEX_DIGIT[c] = true);
    }

    /** [0-9a-f]{64}, checked without a regular expression: every event read back passes here twice. */
    private static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        boolean hex = true;
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            hex &= c <= 'f' && HEX_DIGIT[c];
        }
        return hex;
    }
}
