package org.eecs.application.port.in;

import java.time.Instant;
import org.eecs.domain.audit.ChainVerification;

/** An auditor checks that no audit event in a time range was altered, removed or re-ordered. */
public interface VerifyingAuditTrail {

    /** Walks the chain over the events that occurred in [from, to) and reports the first broken link, if any. */
    ChainVerification verify(Caller caller, Instant from, Instant to);
}
