package org.eecs.domain.audit;

/** The capacity in which someone or something acted; it decides what they may see. */
public enum Role {
    CLINICIAN,
    AUDITOR,
    INTEGRATION,
    ROBOT,
    ADMIN,
    SYSTEM,
    /** Someone who proved no identity (no, expired or forged token): seen only in refused-access events. */
    ANONYMOUS
}
