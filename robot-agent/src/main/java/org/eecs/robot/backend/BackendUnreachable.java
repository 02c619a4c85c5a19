package org.eecs.robot.backend;

import java.time.Duration;
import java.util.Optional;

/**
 * The backend (or the identity provider in front of it) could not be reached, or answered that it is unavailable:
 * worth trying again, with the same idempotency key. {@link #retryAfter()} is the backend's own advice, if it gave
 * one ({@code Retry-After}).
 */
public final class BackendUnreachable extends RuntimeException {

    private final transient Duration retryAfter;

    public BackendUnreachable(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    public BackendUnreachable(String message) {
        this(message, (Duration) null);
    }

    public BackendUnreachable(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
