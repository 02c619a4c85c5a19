package org.eecs.domain.safety;

/**
 * Where an escalation is: raised and waiting for a clinician (OPEN), taken on by one (ACKNOWLEDGED), or closed
 * with a note of what was done (RESOLVED). A clinician may resolve an open escalation at once; nothing leaves
 * RESOLVED.
 */
public enum EscalationState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
