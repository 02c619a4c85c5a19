package org.eecs.adapter.out.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * Audit events as RFC 4180 CSV (UTF-8, CRLF line ends, a header line of {@link EventFields} keys), made safe for
 * spreadsheets: see {@link #cell}.
 */
final class CsvWriter implements AuditRecordFormat.RecordWriter {

    private static final int BUFFER = 64 * 1024;

    private final Writer out;
    private final StringBuilder line = new StringBuilder(512);

    CsvWriter(OutputStream content) {
        this.out = new BufferedWriter(new OutputStreamWriter(content, StandardCharsets.UTF_8), BUFFER);
        for (EventFields field : EventFields.IN_ORDER) {
            line.append(field.ordinal() == 0 ? "" : ",").append(field.key);
        }
        endLine();
    }

    @Override
    public void event(ChainedAuditEvent event) {
        for (EventFields field : EventFields.IN_ORDER) {
            if (field.ordinal() > 0) {
                line.append(',');
            }
            cell(line, field.of(event));
        }
        endLine();
    }

    @Override
    public void record(InteractionRecord record) {
        throw new IllegalStateException("an interaction log is written as NDJSON only");
    }

    @Override
    public void end() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void endLine() {
        line.append("\r\n");
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.setLength(0);
    }

    /**
     * One cell. Absent (null) is an empty cell; empty text is {@code ""}, so that the two stay apart. A value that a
     * spreadsheet would take for a formula, one starting with {@code = + - @}, a tab or a carriage return, gets a
     * leading apostrophe, and so does one already starting with an apostrophe: removing one leading apostrophe
     * from any cell therefore gives back the exact value. A cell holding a comma, a quote, a line break or the
     * apostrophe-marked value is quoted, inner quotes doubled.
     */
    static void cell(StringBuilder into, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            into.append("\"\"");
            return;
        }
        char first = value.charAt(0);
        boolean neutralise = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r' || first == '\'';
        boolean quote = neutralise;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            into.append(value);
            return;
        }
        into.append('"');
        if (neutralise) {
            into.append('\'');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                into.append('"');
            }
            into.append(c);
        }
        into.append('"');
    }
}
