package org.eecs.domain.consent;

public enum ConsentStatus {
    GRANTED,
    WITHDRAWN
}
