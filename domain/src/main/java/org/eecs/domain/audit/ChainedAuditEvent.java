package org.eecs.domain.audit;

import java.util.regex.Pattern;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/** An audit event as stored: its place in the chain, the hash of the event before it, and its own hash. */
public record ChainedAuditEvent(long sequence, AuditEvent event, String previousHash, String hash) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

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
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new DomainViolation(field + " must be 64 lower-case hexadecimal characters (a SHA-256), got "
                    + Require.quote(value));
        }
        return value;
    }
}
