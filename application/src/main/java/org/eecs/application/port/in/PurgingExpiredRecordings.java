package org.eecs.application.port.in;

/** Raw recordings kept under consent to retention are deleted when their consented period is over. */
public interface PurgingExpiredRecordings {

    /** Deletes the recordings expired by now, each deletion audited; returns how many turns' recordings went. */
    int purgeExpired();
}
