package org.eecs.application.port.export;

/** Where an export is in its life; the same for every kind. */
public enum ExportState {
    /** Waiting for a worker of any instance to claim it. */
    QUEUED,
    /** Being written by the worker that holds its lease. */
    RUNNING,
    COMPLETED,
    FAILED,
    /** Stopped (or its files deleted) at its requester's wish. */
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
