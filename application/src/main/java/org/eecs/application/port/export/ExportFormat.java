package org.eecs.application.port.export;

/** The file formats of exports; see docs/audit.md for each one's shape. */
public enum ExportFormat {
    /** One JSON object a line. */
    NDJSON(".ndjson"),
    /** RFC 4180 comma-separated values with a header line; spreadsheet formulas neutralised. */
    CSV(".csv"),
    /**
     * A FHIR R4 Bundle of type collection holding one AuditEvent resource per event (IHE BALP style), each with its
     * place in the chain in an extension of ours; audit events only.
     */
    FHIR_BUNDLE(".json");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The file name's ending, before any ".gz". */
    public String extension() {
        return extension;
    }
}
