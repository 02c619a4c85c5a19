package org.eecs.application.port;

/**
 * A caller's own parameters are out of range (a page size of 0, a time range that ends before it starts):
 * the caller's mistake, told back to them, never a defect of ours.
 */
public class InvalidRequest extends IllegalArgumentException {

    public InvalidRequest(String message) {
        super(message);
    }
}
