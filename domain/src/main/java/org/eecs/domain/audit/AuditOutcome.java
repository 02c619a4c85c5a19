package org.eecs.domain.audit;

/** DENIED is an access-control refusal; FAILURE is an attempt that was allowed but did not succeed. */
public enum AuditOutcome {
    SUCCESS,
    DENIED,
    FAILURE
}
