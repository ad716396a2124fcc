package io.roostcrm.core.io;

import java.util.List;

/**
 * The outcome of an import.
 *
 * @param rowsRead   data rows read (the header not counted)
 * @param imported   contacts created or updated
 * @param rolledBack good rows not imported because their batch had a bad row (with
 *                   {@link ImportOptions.BadRows#SKIP_ROW} only when the store refused the batch in a way no check
 *                   foresaw, e.g. a duplicate inserted concurrently)
 * @param errors     one entry per bad row
 */
public record ImportReport(long rowsRead, long imported, long rolledBack, List<RowError> errors) {

    /** Copies the errors. */
    public ImportReport {
        errors = List.copyOf(errors);
    }

    /**
     * A bad row.
     *
     * @param row     the 1-based data row number (the header is row 0)
     * @param field   the field at fault, or {@code ""} for the row as a whole (e.g. malformed CSV)
     * @param rule    the rule broken
     * @param message a message naming field and rule, never the value
     */
    public record RowError(long row, String field, String rule, String message) {
    }
}
