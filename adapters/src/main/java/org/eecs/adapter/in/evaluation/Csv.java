package org.eecs.adapter.in.evaluation;

import java.util.List;

/**
 * RFC 4180 CSV (UTF-8, CRLF line ends, a header line), safe to open in a spreadsheet: a cell a spreadsheet would
 * take for a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, and so
 * does one already starting with an apostrophe, so removing one leading apostrophe gives the exact text back.
 */
final class Csv {

    private final StringBuilder text = new StringBuilder();

    Csv(List<String> header) {
        row(header);
    }

    Csv row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            cell(cells.get(i));
        }
        text.append("\r\n");
        return this;
    }

    String text() {
        return text.toString();
    }

    private void cell(String value) {
        String safe = value == null ? "" : value;
        if (!safe.isEmpty() && "=+-@\t\r'".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            text.append('"').append(safe.replace("\"", "\"\"")).append('"');
        } else {
            text.append(safe);
        }
    }
}
