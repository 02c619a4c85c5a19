package org.eecs.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.eecs.domain.audit.ChainedAuditEvent;

/** Reads an NDJSON export line by line: every line a record; an audit event where the line is one. */
final class NdjsonEvents {

    private NdjsonEvents() {
    }

    static void read(BufferedReader lines, Runnable record, Consumer<ChainedAuditEvent> event,
                     Consumer<String> problem) throws IOException {
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            record.run();
            try {
                Map<String, Object> fields = Json.object(line);
                Object kind = fields.get("record");
                if (kind == null || "auditEvent".equals(kind)) {
                    event.accept(ExportedEvent.of(fields));
                }
            } catch (IllegalArgumentException e) {
                problem.accept("line " + number + ": " + e.getMessage());
            }
        }
    }
}
