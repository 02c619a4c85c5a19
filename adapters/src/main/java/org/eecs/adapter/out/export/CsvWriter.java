package org.eecs.adapter.out.export;

import java.io.OutputStream;
import org.eecs.adapter.text.Utf8Out;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * Audit events as RFC 4180 CSV (UTF-8, CRLF line ends, a header line of {@link EventFields} keys), made safe for
 * spreadsheets: see {@link #cell}. Lines are written as bytes straight into one buffer ({@link Utf8Out}).
 */
final class CsvWriter implements AuditRecordFormat.RecordWriter {

    private final Utf8Out out;

    CsvWriter(OutputStream content) {
        this.out = new Utf8Out(content);
        for (EventFields field : EventFields.IN_ORDER) {
            if (field.ordinal() > 0) {
                out.ascii(',');
            }
            out.ascii(field.key);
        }
        out.ascii('\r').ascii('\n');
    }

    @Override
    public void event(ChainedAuditEvent event) {
        for (EventFields field : EventFields.IN_ORDER) {
            if (field.ordinal() > 0) {
                out.ascii(',');
            }
            if (field == EventFields.SEQUENCE) {
                out.number(event.sequence());
            } else {
                cell(out, field.of(event));
            }
        }
        out.ascii('\r').ascii('\n');
    }

    @Override
    public void record(InteractionRecord record) {
        throw new IllegalStateException("an interaction log is written as NDJSON only");
    }

    @Override
    public void end() {
        out.flush();
    }

    /**
     * One cell. Absent (null) is an empty cell; empty text is {@code ""}, so that the two stay apart. A value that a
     * spreadsheet would take for a formula, one starting with {@code = + - @}, a tab or a carriage return, gets a
     * leading apostrophe, and so does one already starting with an apostrophe: removing one leading apostrophe
     * from any cell therefore gives back the exact value. A cell holding a comma, a quote, a line break or the
     * apostrophe-marked value is quoted, inner quotes doubled.
     */
    static void cell(Utf8Out into, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            into.ascii('"').ascii('"');
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
            into.text(value);
            return;
        }
        into.ascii('"');
        if (neutralise) {
            into.ascii('\'');
        }
        into.text(value, '"').ascii('"');
    }
}
