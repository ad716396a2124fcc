package io.roostcrm.core.io;

/** Export formats. */
public enum ExportFormat {
    /** RFC 4180 CSV with a header row of field keys. */
    CSV,
    /** A JSON array of objects, one per contact. */
    JSON
}
