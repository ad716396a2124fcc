package io.roostcrm.core.internal;

import io.roostcrm.core.SeededCases;
import io.roostcrm.core.field.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {

    private static final String ALPHABET = "=+-@\t\r\0'a1 \"";
    private static final String FORMULA_START = "=+-@\t\r\0";

    static Stream<Long> seeds() {
        return SeededCases.seeds("SpreadsheetCellsTest", 1_000);
    }

    /** For every text of a free-text type: import(export(x)) = x, and the exported cell never starts a formula. */
    @ParameterizedTest
    @MethodSource("seeds")
    void escapeIsUndoneExactlyAndLeavesNoFormula(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String value = text.toString();
        for (FieldType type : FieldType.values()) {
            String cell = SpreadsheetCells.escape(type, value);
            boolean freeText = type != FieldType.NUMBER && type != FieldType.DATE && type != FieldType.DATETIME
                    && type != FieldType.CHECKBOX && type != FieldType.STAGE;
            if (!freeText) {
                // These types' text never starts with a quote (FieldValues.format), and it is written unchanged.
                assertThat(cell).as("%s %s", type, seed).isEqualTo(value);
                continue;
            }

            assertThat(SpreadsheetCells.unescape(cell)).as("%s %s", type, seed).isEqualTo(value);
            if (!cell.isEmpty()) {
                assertThat(FORMULA_START.indexOf(cell.charAt(0))).as("%s %s", type, seed).isNegative();
            }
        }
    }

    @Test
    void onlyTextThatASpreadsheetWouldRunIsQuoted() {
        assertThat(SpreadsheetCells.escape(FieldType.TEXT, "=1+2")).isEqualTo("'=1+2");
        assertThat(SpreadsheetCells.escape(FieldType.PHONE, "+1 555 0100")).isEqualTo("'+1 555 0100");
        assertThat(SpreadsheetCells.escape(FieldType.TEXT, "'=1+2")).isEqualTo("''=1+2");
        assertThat(SpreadsheetCells.escape(FieldType.TEXT, "Ada")).isEqualTo("Ada");
        assertThat(SpreadsheetCells.escape(FieldType.NUMBER, "-5")).isEqualTo("-5");
    }

    @Test
    void aHandWrittenLeadingQuoteBeforeOrdinaryTextIsKept() {
        assertThat(SpreadsheetCells.unescape("'tis")).isEqualTo("'tis");
        assertThat(SpreadsheetCells.unescape("'")).isEqualTo("'");
        assertThat(SpreadsheetCells.unescape("'+49 30 1234")).isEqualTo("+49 30 1234");
    }
}
