package org.eecs.application.port.export;

import java.io.OutputStream;
import org.eecs.application.port.records.CareRecord;

/**
 * The file format of bulk exports: how care records become the content of an export file. The store of export
 * files owns the bytes; the format (FHIR NDJSON, from the FHIR adapter, which alone knows FHIR's resources) only
 * writes onto them.
 */
public interface CareRecordFormat {

    /** The name of a file's kind of content, as its file name ends: ".ndjson". */
    String extension();

    /** Starts a file's content on {@code content}, which the caller closes. */
    RecordWriter start(OutputStream content);

    /** Writes one file, record by record, as they come: nothing is held but a buffer. */
    interface RecordWriter {

        void write(CareRecord record);

        /** Flushes what is written onto the content stream. */
        void end();
    }
}
