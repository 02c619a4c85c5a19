package org.eecs.domain;

/**
 * A rule of the care domain was broken: a value out of range, a malformed identifier, a step the
 * care process does not allow. The message names the field and the offending value so that it can
 * be shown to a clinician or written to a log without further context.
 */
public class DomainViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DomainViolation(String message) {
        super(message);
    }
}
