package org.eecs.application.port.export;

/** The file formats of exports; see docs/audit.md for each one's shape. */
public enum ExportFormat {
    /** One JSON object a line. */
    NDJSON,
    /** RFC 4180 comma-separated values with a header line; spreadsheet formulas neutralised. */
    CSV
}
