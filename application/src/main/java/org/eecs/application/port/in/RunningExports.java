package org.eecs.application.port.in;

import java.util.Optional;
import java.util.UUID;

/** The background work of every export, driven by one scheduler on every instance. */
public interface RunningExports {

    /** Claims and writes the next waiting export, if there is one, as this worker; the id of the export run. */
    Optional<UUID> runNext(String worker);

    /** Deletes the files and records of exports that expired; how many. */
    int purgeExpired();
}
