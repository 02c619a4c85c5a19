package org.eecs.application.export;

import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.export.ExportKind;

/**
 * How one kind of export is written: the part of an export's life that is its own. The rest (claiming, the lease,
 * progress, failing, expiring, purging) is the same for every kind and is the {@link ExportQueue}'s.
 */
public interface ExportWork {

    /** The kinds of export this work writes. */
    Set<ExportKind> kinds();

    /**
     * Writes the claimed export from the start, reporting progress on {@code run} as it goes, and completes it;
     * throws if it cannot, or {@link ExportRun.Stopped} (from {@code run}) when the export is no longer its to write.
     */
    void write(UUID export, ExportRun run);

    /**
     * The export could not be written: records what the kind records of that, in the unit of work that fails it,
     * and says why, for its requester.
     */
    String failed(UUID export, RuntimeException failure);

    /** The export expired and its files are deleted: records what the kind records of that, in the unit of work. */
    void purged(UUID export);
}
