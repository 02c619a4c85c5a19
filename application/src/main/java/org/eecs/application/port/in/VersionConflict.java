package org.eecs.application.port.in;

/** A change was made against a version of a record that is no longer its current one. */
public class VersionConflict extends RuntimeException {

    private final long current;

    public VersionConflict(String what, long expected, long current) {
        super(what + " is at version " + current + ", not " + expected + " as expected; read it again");
        this.current = current;
    }

    public long current() {
        return current;
    }
}
