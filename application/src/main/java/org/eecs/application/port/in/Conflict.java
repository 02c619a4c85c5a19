package org.eecs.application.port.in;

/**
 * The request is understood and allowed, but the present state of things does not admit it: an overlapping
 * session, a robot registered twice, a start without consent. {@code kind} names the conflict in a stable way.
 */
public class Conflict extends RuntimeException {

    private final String kind;

    public Conflict(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
