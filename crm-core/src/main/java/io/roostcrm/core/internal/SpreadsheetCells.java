package io.roostcrm.core.internal;

import io.roostcrm.core.field.FieldType;

/**
 * Defuses CSV cells that a spreadsheet would run as a formula (ASVS 5.0 1.2.10): a text value whose first character
 * is {@code = + - @}, a tab, a carriage return or NUL is exported behind a single quote, which spreadsheets read as
 * "this is text". A value that itself starts with a quote gets one more, so that the import can undo the escape
 * exactly: it drops a leading quote only when one of those characters or another quote follows. Export then import
 * gives back every value unchanged.
 */
final class SpreadsheetCells {

    private static final char QUOTE = '\'';

    private SpreadsheetCells() {
    }

    /** The cell as exported for a field of this type. */
    static String escape(FieldType type, String cell) {
        return canCarryFormula(type) && !cell.isEmpty() && needsQuote(cell.charAt(0)) ? QUOTE + cell : cell;
    }

    /** A cell as imported: the export's escape removed, any other text unchanged. */
    static String unescape(String cell) {
        return cell.length() > 1 && cell.charAt(0) == QUOTE && needsQuote(cell.charAt(1)) ? cell.substring(1) : cell;
    }

    /** Whether a text starting with this character is exported behind a quote. */
    private static boolean needsQuote(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\0' || first == QUOTE;
    }

    /**
     * Whether values of a type are free text. Numbers, dates, date-times, check boxes and stage ids are validated
     * into forms no spreadsheet runs as a formula, so a negative number stays a number in the sheet.
     */
    private static boolean canCarryFormula(FieldType type) {
        return switch (type) {
            case NUMBER, DATE, DATETIME, CHECKBOX, STAGE -> false;
            case TEXT, TEXTAREA, SELECT, MULTI_SELECT, EMAIL, URL, PHONE -> true;
        };
    }
}
