package org.eecs.application.port.out;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * The one store of export files, whatever the kind of export: each export's files kept together, read back by
 * name, and deleted together when the export expires, is cancelled or is written afresh.
 */
public interface ExportFiles {

    /** A finished file of the export; empty when it is not there. */
    Optional<StoredFile> find(UUID export, String name);

    /** Deletes every file of the export, if there are any. */
    void deleteAll(UUID export);

    /** What a finished file is: its size and SHA-256 (of the bytes stored, compressed or not). */
    record WrittenFile(long bytes, String sha256) {
    }

    /** A finished file: its size, and a way to read it. */
    interface StoredFile {

        long bytes();

        InputStream open();
    }
}
