package org.eecs.application.port.in;

/** The background work of exports, driven by a scheduler on every instance. */
public interface RunningAuditExports {

    /** Claims and writes the next waiting export, if there is one; true when one was written (or failed). */
    boolean writeNext();

    /** Deletes expired exports, files and all; returns how many. */
    int purgeExpired();
}
