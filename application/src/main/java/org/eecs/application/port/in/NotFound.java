package org.eecs.application.port.in;

/**
 * What was asked for does not exist, or, to this caller, must look as if it did not: a clinician outside a
 * patient's care team learns nothing about that patient, not even that it exists.
 */
public abstract class NotFound extends RuntimeException {

    protected NotFound(String message) {
        super(message);
    }
}
