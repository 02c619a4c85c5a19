package org.eecs.domain.audit;

public enum AuditAction {
    CREATE,
    READ,
    UPDATE,
    DELETE,
    EXECUTE,
    LOGIN
}
