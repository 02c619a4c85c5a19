package org.eecs.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * Reads a CSV export (RFC 4180, as docs/audit.md describes it): an empty unquoted cell is absent, {@code ""} is
 * empty text, and one leading apostrophe, added to neutralise spreadsheet formulas, is removed.
 */
final class CsvEvents {

    private CsvEvents() {
    }

    static void read(BufferedReader in, Runnable record, Consumer<ChainedAuditEvent> event, Consumer<String> problem)
            throws IOException {
        List<String> header = row(in);
        if (header == null || !header.equals(ExportedEvent.FIELDS)) {
            problem.accept("the CSV header is not " + String.join(",", ExportedEvent.FIELDS));
            return;
        }
        long number = 1;
        for (List<String> row = row(in); row != null; row = row(in)) {
            number++;
            record.run();
            if (row.size() != header.size()) {
                problem.accept("row " + number + " has " + row.size() + " cells, not " + header.size());
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), row.get(i));
            }
            try {
                event.accept(ExportedEvent.of(fields));
            } catch (IllegalArgumentException e) {
                problem.accept("row " + number + ": " + e.getMessage());
            }
        }
    }

    /** The next row's cells (null for an absent one), or null at the end; quoted cells may span lines. */
    static List<String> row(BufferedReader in) throws IOException {
        int c = in.read();
        if (c == -1) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (c == '"' && cell.isEmpty() && !quoted) {
                quoted = true;
                readQuoted(in, cell);
                c = in.read();
                continue;
            }
            if (c == ',' || c == '\r' || c == '\n' || c == -1) {
                cells.add(quoted ? unneutralised(cell.toString()) : cell.isEmpty() ? null : unneutralised(
                        cell.toString()));
                cell.setLength(0);
                quoted = false;
                if (c == ',') {
                    c = in.read();
                    continue;
                }
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                return cells;
            }
            cell.append((char) c);
            c = in.read();
        }
    }

    private static void readQuoted(BufferedReader in, StringBuilder cell) throws IOException {
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("a quoted CSV cell is not closed");
            }
            if (c == '"') {
                in.mark(1);
                if (in.read() == '"') {
                    cell.append('"');
                    continue;
                }
                in.reset();
                return;
            }
            cell.append((char) c);
        }
    }

    private static String unneutralised(String value) {
        return value.startsWith("'") ? value.substring(1) : value;
    }
}
