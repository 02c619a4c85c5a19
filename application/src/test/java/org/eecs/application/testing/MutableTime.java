package org.eecs.application.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A clock the test sets, which may also move on by itself at every reading. */
public final class MutableTime extends java.time.Clock {
    private Instant now;
    private Duration tick = Duration.ZERO;

    public MutableTime(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void tickEveryRead(Duration step) {
        tick = step;
    }

    @Override
    public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant current = now;
        now = now.plus(tick);
        return current;
    }
}
