package org.eecs.domain.audit;

/** The capacity in which someone or something acted; it decides what they may see. */
public enum Role {
    CLINICIAN,
    AUDITOR,
    INTEGRATION,
    ROBOT,
    ADMIN,
    SYSTEM,
    /** Prometheus scraping the metrics with a token of its own client: seen only in refused-access events. */
    MONITORING,
    /** Someone who proved no identity (no, expired or forged token): seen only in refused-access events. */
    ANONYMOUS
}
