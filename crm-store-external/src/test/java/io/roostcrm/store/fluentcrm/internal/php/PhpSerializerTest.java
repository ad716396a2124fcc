package io.roostcrm.store.fluentcrm.internal.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhpSerializerTest {

    /** fluentcrm-schema.md §15.1, wp_fc_subscriber_meta row 2. */
    private static final String INTERESTS = "a:2:{i:0;s:4:\"Java\";i:1;s:2:\"Go\";}";

    /** fluentcrm-schema.md §8.2, example contact_custom_fields value. */
    private static final String CUSTOM_FIELDS_8_2 = "a:2:{i:0;a:5:{s:9:\"field_key\";s:4:\"text\";s:4:\"type\";"
            + "s:4:\"text\";s:5:\"label\";s:9:\"Job Title\";s:4:\"slug\";s:9:\"job_title\";s:5:\"group\";"
            + "s:4:\"Work\";}i:1;a:5:{s:9:\"field_key\";s:12:\"multi-select\";s:4:\"type\";s:12:\"select-multi\";"
            + "s:5:\"label\";s:9:\"Interests\";s:7:\"options\";a:3:{i:0;s:3:\"SEO\";i:1;s:5:\"Email\";i:2;"
            + "s:3:\"Ads\";}s:4:\"slug\";s:9:\"interests\";}}";

    /** fluentcrm-schema.md §15.1, wp_fc_meta contact_custom_fields as FluentCRM 3.1.10 wrote it. */
    private static final String CUSTOM_FIELDS_15_1 = "a:2:{i:0;a:5:{s:9:\"field_key\";s:4:\"text\";s:4:\"type\";"
            + "s:4:\"text\";s:5:\"label\";s:14:\"Favorite Color\";s:5:\"group\";s:7:\"default\";s:4:\"slug\";"
            + "s:14:\"favorite_color\";}i:1;a:6:{s:9:\"field_key\";s:12:\"multi-select\";s:4:\"type\";"
            + "s:12:\"select-multi\";s:5:\"label\";s:9:\"Interests\";s:4:\"slug\";s:9:\"interests\";s:7:\"options\";"
            + "a:3:{i:0;s:4:\"Java\";i:1;s:3:\"PHP\";i:2;s:2:\"Go\";}s:5:\"group\";s:7:\"default\";}}";

    /** fluentcrm-schema.md §8.4, company meta. */
    private static final String COMPANY_META = "a:1:{s:13:\"custom_values\";a:1:{s:6:\"vat_id\";s:5:\"DE123\";}}";

    @ParameterizedTest
    @ValueSource(strings = {INTERESTS, CUSTOM_FIELDS_8_2, CUSTOM_FIELDS_15_1, COMPANY_META})
    void fluentCrmValuesSurviveUnserializeThenSerializeByteForByte(String stored) {
        assertThat(PhpSerializer.serialize(PhpSerializer.unserialize(stored))).isEqualTo(stored);
    }

    @Test
    void interestsValueReadsAsListOfStrings() {
        Object value = PhpSerializer.unserialize(INTERESTS);

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        assertThat(PhpSerializer.asList((Map<?, ?>) value)).contains(List.<Object>of("Java", "Go"));
        assertThat(PhpSerializer.serialize(List.of("Java", "Go"))).isEqualTo(INTERESTS);
    }

    @Test
    void customFieldDefinitionsReadAsOrderedMapsWithStringKeys() {
        Map<?, ?> definitions = (Map<?, ?>) PhpSerializer.unserialize(CUSTOM_FIELDS_15_1);
        List<Object> fields = PhpSerializer.asList(definitions).orElseThrow();

        Map<?, ?> interests = (Map<?, ?>) fields.get(1);
        assertThat(new ArrayList<Object>(interests.keySet()))
                .containsExactly("field_key", "type", "label", "slug", "options", "group");
        assertThat(interests.get("label")).isEqualTo("Interests");
        assertThat(PhpSerializer.asList((Map<?, ?>) interests.get("options"))).contains(List.<Object>of("Java", "PHP", "Go"));
    }

    @Test
    void stringLengthsAreUtf8ByteCounts() {
        assertThat(PhpSerializer.serialize("é")).isEqualTo("s:2:\"é\";");
        assertThat(PhpSerializer.serialize("€")).isEqualTo("s:3:\"€\";");
        assertThat(PhpSerializer.serialize("😀")).isEqualTo("s:4:\"😀\";");
        assertThat(PhpSerializer.unserialize("s:2:\"é\";")).isEqualTo("é");
        assertThat(PhpSerializer.unserialize("s:4:\"😀\";")).isEqualTo("😀");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s:1:\"é\";", "s:3:\"é\";", "s:2:\"😀\";", "s:5:\"😀\";"})
    void stringWithCharacterCountInsteadOfByteCountIsRefused(String wrongLength) {
        assertThatThrownBy(() -> PhpSerializer.unserialize(wrongLength))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageStartingWith("malformed PHP serialized value at ");
    }

    @Test
    void stringContentMayContainQuotesSemicolonsAndBraces() {
        String tricky = "a\";}s:1:\"x\";{\\";

        String serialized = PhpSerializer.serialize(tricky);

        assertThat(serialized).isEqualTo("s:14:\"a\";}s:1:\"x\";{\\\";");
        assertThat(PhpSerializer.unserialize(serialized)).isEqualTo(tricky);
    }

    @Test
    void doublySerializedListIsUnwrappedByMaybeUnserialize() {
        List<String> list = List.of("SEO", "Ads");
        String once = PhpSerializer.serialize(list);
        String twice = PhpSerializer.serialize(once);

        assertThat(twice).isEqualTo("s:34:\"a:2:{i:0;s:3:\"SEO\";i:1;s:3:\"Ads\";}\";");
        Object read = PhpSerializer.maybeUnserialize(twice);
        assertThat(PhpSerializer.asList((Map<?, ?>) read)).contains(List.<Object>of("SEO", "Ads"));
    }

    @Test
    void maybeUnserializeUnwrapsAtMostTwice() {
        String thrice = PhpSerializer.serialize(PhpSerializer.serialize(PhpSerializer.serialize(List.of("x"))));

        assertThat(PhpSerializer.maybeUnserialize(thrice)).isEqualTo(PhpSerializer.serialize(List.of("x")));
    }

    @Test
    void maybeUnserializeReturnsPlainTextUnchanged() {
        assertThat(PhpSerializer.maybeUnserialize("Blue")).isEqualTo("Blue");
        assertThat(PhpSerializer.maybeUnserialize("42")).isEqualTo("42");
        assertThat(PhpSerializer.maybeUnserialize("")).isEqualTo("");
        assertThat(PhpSerializer.maybeUnserialize("2026-02-01 13:05:00")).isEqualTo("2026-02-01 13:05:00");
    }

    @Test
    void maybeUnserializeTrimsLikeWordPress() {
        assertThat(PhpSerializer.maybeUnserialize("  \n" + INTERESTS + "\r\n"))
                .isEqualTo(PhpSerializer.unserialize(INTERESTS));
    }

    @Test
    void maybeUnserializeRefusesSerializedObjectInsteadOfReturningItAsText() {
        assertThatThrownBy(() -> PhpSerializer.maybeUnserialize("O:8:\"stdClass\":0:{}"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("malformed PHP serialized value at byte 0: expected a value other than an object "
                        + "(objects are refused)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"N;", "b:0;", "b:1;", "i:42;", "i:-7;", "d:0.1;", "d:1.0E+25;", "s:0:\"\";",
        "s:4:\"Java\";", "a:0:{}", INTERESTS, "O:8:\"stdClass\":0:{}", "C:3:\"Foo\":0:{}", "E:7:\"Foo:Bar\";",
        " N; ", "\ta:0:{}\n"})
    void looksSerialized(String text) {
        assertThat(PhpSerializer.isSerialized(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "N", "Blue", "42", "a:0:", "s:4:\"Java\"", "s:4:Java;", "i:42", "i:abc;",
        "d:INF;", "d:1e5;", "x:1;", "a:{}", "r:1;", "2026-02-01", "a:b:{}"})
    void doesNotLookSerialized(String text) {
        assertThat(PhpSerializer.isSerialized(text)).isFalse();
    }

    @Test
    void scalarsSerializeAsPhpDoes() {
        assertThat(PhpSerializer.serialize(null)).isEqualTo("N;");
        assertThat(PhpSerializer.serialize(true)).isEqualTo("b:1;");
        assertThat(PhpSerializer.serialize(false)).isEqualTo("b:0;");
        assertThat(PhpSerializer.serialize(42)).isEqualTo("i:42;");
        assertThat(PhpSerializer.serialize(Long.MIN_VALUE)).isEqualTo("i:-9223372036854775808;");
        assertThat(PhpSerializer.serialize(Long.MAX_VALUE)).isEqualTo("i:9223372036854775807;");
        assertThat(PhpSerializer.serialize("")).isEqualTo("s:0:\"\";");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1|d:0.1;",
        "1.0|d:1;",
        "-1.5|d:-1.5;",
        "100.0|d:100;",
        "0.30000000000000004|d:0.30000000000000004;",
        "1.0E25|d:1.0E+25;",
        "1.0E-5|d:1.0E-5;",
        "1.0E-4|d:0.0001;",
        "0.001|d:0.001;",
        "123456.789|d:123456.789;",
        "1.0E15|d:1000000000000000;",
        "1.0E16|d:10000000000000000;",
        "1.0E17|d:1.0E+17;",
        "1.0E18|d:1.0E+18;",
        "1.7976931348623157E308|d:1.7976931348623157E+308;",
        "4.9E-324|d:5.0E-324;",
        "2.5E-5|d:2.5E-5;",
        "-0.0|d:-0;",
        "0.0|d:0;"})
    void doublesSerializeWithShortestRoundTripDigitsLikePhp71(double value, String expected) {
        assertThat(PhpSerializer.serialize(value)).isEqualTo(expected);
        assertThat(PhpSerializer.unserialize(expected)).isEqualTo(value);
    }

    @Test
    void floatIsWidenedExactly() {
        assertThat(PhpSerializer.serialize(0.5f)).isEqualTo("d:0.5;");
        assertThat(PhpSerializer.serialize(0.1f)).isEqualTo("d:0.10000000149011612;");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "d:1;|1.0", "d:-0;|-0.0", "d:.5;|0.5", "d:5.;|5.0", "d:+1.5;|1.5", "d:1e3;|1000.0", "d:1.5E-2;|0.015",
        "d:-2E+2;|-200.0", "d:NAN;|NaN", "d:INF;|Infinity", "d:-INF;|-Infinity"})
    void doublesAcceptEveryFormPhpAccepts(String text, double expected) {
        assertThat(PhpSerializer.unserialize(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"i:+5;|5", "i:007;|7", "i:-0;|0", "i:-9223372036854775808;|-9223372036854775808"})
    void integersAcceptEveryFormPhpAccepts(String text, long expected) {
        assertThat(PhpSerializer.unserialize(text)).isEqualTo(expected);
    }

    @Test
    void numericStringKeysAreWrittenAsIntegerKeysLikePhp() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("7", "a");
        map.put("-3", "b");
        map.put("07", "c");
        map.put("-0", "d");
        map.put("9223372036854775808", "e");
        map.put(5, "f");

        assertThat(PhpSerializer.serialize(map)).isEqualTo("a:6:{i:7;s:1:\"a\";i:-3;s:1:\"b\";s:2:\"07\";s:1:\"c\";"
                + "s:2:\"-0\";s:1:\"d\";s:19:\"9223372036854775808\";s:1:\"e\";i:5;s:1:\"f\";}");
    }

    @Test
    void numericStringKeysAreReadAsLongKeysLikePhp() {
        Map<?, ?> map = (Map<?, ?>) PhpSerializer.unserialize("a:2:{s:1:\"0\";s:1:\"x\";s:2:\"01\";s:1:\"y\";}");

        assertThat(new ArrayList<Object>(map.keySet())).containsExactly(0L, "01");
    }

    @Test
    void keysThatPhpWouldMergeAreRefusedWhenSerializing() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("1", "a");
        map.put(1L, "b");

        assertThatThrownBy(() -> PhpSerializer.serialize(map))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("two map keys are the same PHP array key");
    }

    @Test
    void unsupportedJavaValuesAreRefusedWhenSerializing() {
        assertThatThrownBy(() -> PhpSerializer.serialize(new Object()))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("values of type java.lang.Object cannot be serialized");
        assertThatThrownBy(() -> PhpSerializer.serialize(Double.NaN))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("NaN and infinite floats are not supported");
        assertThatThrownBy(() -> PhpSerializer.serialize(Double.POSITIVE_INFINITY))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("NaN and infinite floats are not supported");
        assertThatThrownBy(() -> PhpSerializer.serialize(Map.of(1.5, "x")))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("map keys must be String, Integer or Long, not java.lang.Double");
        assertThatThrownBy(() -> PhpSerializer.serialize("bad \uD800 surrogate"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("a string contains an unpaired surrogate, which is not valid Unicode");
        assertThatThrownBy(() -> PhpSerializer.serialize(java.util.Set.of("x")))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageEndingWith("cannot be serialized");
    }

    @Test
    void selfContainingListIsRefusedInsteadOfOverflowingTheStack() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);

        assertThatThrownBy(() -> PhpSerializer.serialize(cyclic))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("arrays are nested deeper than 64");
    }

    @Test
    void objectIsRefused() {
        assertThatThrownBy(() -> PhpSerializer.unserialize("O:8:\"stdClass\":0:{}"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("malformed PHP serialized value at byte 0: expected a value other than an object "
                        + "(objects are refused)")
                .extracting(e -> ((PhpFormatException) e).offset()).isEqualTo(0L);
    }

    @Test
    void objectInsideArrayIsRefusedAtItsOffset() {
        assertThatThrownBy(() -> PhpSerializer.unserialize("a:1:{i:0;O:8:\"stdClass\":0:{}}"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageContaining("at byte 9: expected a value other than an object")
                .extracting(e -> ((PhpFormatException) e).offset()).isEqualTo(9L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"r:1;", "R:1;", "a:2:{i:0;s:1:\"x\";i:1;r:2;}"})
    void referencesAreRefused(String text) {
        assertThatThrownBy(() -> PhpSerializer.unserialize(text))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageEndingWith("expected a value other than a reference (references are refused)");
    }

    @Test
    void customSerializedObjectsAndEnumsAreRefused() {
        assertThatThrownBy(() -> PhpSerializer.unserialize("C:11:\"ArrayObject\":0:{}"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageEndingWith("(objects are refused)");
        assertThatThrownBy(() -> PhpSerializer.unserialize("E:7:\"Foo:Bar\";"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageEndingWith("(enums are refused)");
    }

    @Test
    void trailingGarbageIsRefusedButTrailingWhitespaceIsNot() {
        assertThatThrownBy(() -> PhpSerializer.unserialize("i:1;i:2;"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("malformed PHP serialized value at byte 4: expected the end of the input");
        assertThatThrownBy(() -> PhpSerializer.unserialize(INTERESTS + "x"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageEndingWith("expected the end of the input");
        assertThat(PhpSerializer.unserialize("i:1; \n\t")).isEqualTo(1L);
    }

    @Test
    void truncatedInputIsRefusedAtEndOfInput() {
        for (int cut = 0; cut < INTERESTS.length(); cut++) {
            String truncated = INTERESTS.substring(0, cut);
            assertThatThrownBy(() -> PhpSerializer.unserialize(truncated))
                    .as("cut at %d", cut)
                    .isInstanceOf(PhpFormatException.class)
                    .hasMessageStartingWith("malformed PHP serialized value at ");
        }
        assertThatThrownBy(() -> PhpSerializer.unserialize("a:2:{i:0;s:4:\"Java\";"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("malformed PHP serialized value at end of input (byte 20): expected an array key: i: or s:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a:-1:{}|malformed PHP serialized value at byte 2: expected a digit",
        "s:-1:\"\";|malformed PHP serialized value at byte 2: expected a digit",
        "a:3:{i:0;N;}|malformed PHP serialized value at byte 2: expected an element count that fits the input",
        "a:1:{}|malformed PHP serialized value at byte 2: expected an element count that fits the input",
        "a:99999999999:{}|malformed PHP serialized value at byte 2: expected a length or count within the input's size",
        "a:2147483647:{i:0;N;}|malformed PHP serialized value at byte 2: expected an element count that fits the input",
        "s:2147483647:\"x\";|malformed PHP serialized value at byte 2: expected a string length that fits the input",
        "s:10:\"short\";|malformed PHP serialized value at byte 2: expected a string length that fits the input",
        "a:1:{i:0;N;i:1;N;}|malformed PHP serialized value at byte 11: expected '}'",
        "i:9223372036854775808;|malformed PHP serialized value at byte 2: expected an integer within the 64-bit range"})
    void dishonestCountsAndLengthsAreRefused(String text, String message) {
        assertThatThrownBy(() -> PhpSerializer.unserialize(text))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "N|malformed PHP serialized value at end of input (byte 1): expected ';'",
        "N:|malformed PHP serialized value at byte 1: expected ';'",
        "b:1}|malformed PHP serialized value at byte 3: expected ';'",
        "b:2;|malformed PHP serialized value at byte 2: expected '0' or '1'",
        "i:1:|malformed PHP serialized value at byte 3: expected ';'",
        "i:;|malformed PHP serialized value at byte 2: expected a digit",
        "d:1.5|malformed PHP serialized value at end of input (byte 5): expected ';'",
        "d:.;|malformed PHP serialized value at byte 3: expected a digit",
        "d:1e;|malformed PHP serialized value at byte 4: expected an exponent digit",
        "d:0x10;|malformed PHP serialized value at byte 3: expected ';'",
        "s:1:\"a\"}|malformed PHP serialized value at byte 7: expected ';'",
        "s:1:xa\";|malformed PHP serialized value at byte 4: expected '\"'",
        "s:1:\"ab\";|malformed PHP serialized value at byte 6: expected '\"'",
        "a:0:{};|malformed PHP serialized value at byte 6: expected the end of the input",
        "a:0:[]|malformed PHP serialized value at byte 4: expected '{'",
        "a:1:{i:0;N;;|malformed PHP serialized value at byte 11: expected '}'",
        "a:1:{d:0.5;N;}|malformed PHP serialized value at byte 5: expected an array key: i: or s:",
        "a:1:{N;s:1:\"x\";}|malformed PHP serialized value at byte 5: expected an array key: i: or s:",
        "a:2:{i:0;N;i:0;N;}|malformed PHP serialized value at byte 11: expected a key not already used in this array",
        "a:2:{i:0;N;s:1:\"0\";N;}|malformed PHP serialized value at byte 11: expected a key not already used in this array",
        "S:1:\"a\";|malformed PHP serialized value at byte 0: expected a value: one of N; b: i: d: s: a:",
        "|malformed PHP serialized value at end of input (byte 0): expected a value",
        "x|malformed PHP serialized value at byte 0: expected a value: one of N; b: i: d: s: a:"})
    void wrongTerminatorsAndSyntaxAreRefused(String text, String message) {
        String input = text == null ? "" : text;
        assertThatThrownBy(() -> PhpSerializer.unserialize(input))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage(message);
    }

    @Test
    void leadingWhitespaceIsRefusedByUnserialize() {
        assertThatThrownBy(() -> PhpSerializer.unserialize(" i:1;"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("malformed PHP serialized value at byte 0: expected a value: one of N; b: i: d: s: a:");
    }

    @Test
    void depthBombIsRefusedWithoutOverflowingTheStack() {
        int levels = 10_000;
        String bomb = "a:1:{i:0;".repeat(levels) + "N;" + "}".repeat(levels);

        assertThatThrownBy(() -> PhpSerializer.unserialize(bomb))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("malformed PHP serialized value at byte 576: expected arrays nested at most 64 deep");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String deepest = "a:1:{i:0;".repeat(PhpSerializer.MAX_DEPTH) + "N;" + "}".repeat(PhpSerializer.MAX_DEPTH);

        Object value = PhpSerializer.unserialize(deepest);

        assertThat(PhpSerializer.serialize(value)).isEqualTo(deepest);
    }

    @Test
    void unpairedSurrogateInInputIsRefused() {
        assertThatThrownBy(() -> PhpSerializer.unserialize("s:1:\"\uDC00\";"))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("input is not valid Unicode: unpaired surrogate at byte 5");
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        String huge = "s:" + PhpSerializer.MAX_INPUT_BYTES + ":\"" + "x".repeat(PhpSerializer.MAX_INPUT_BYTES) + "\";";

        assertThatThrownBy(() -> PhpSerializer.unserialize(huge))
                .isInstanceOf(PhpFormatException.class)
                .hasMessage("input is longer than 16777216 bytes");
    }

    @Test
    void tooManyValuesAreRefused() {
        int count = PhpSerializer.MAX_VALUES;
        StringBuilder text = new StringBuilder("a:").append(count).append(":{");
        for (int i = 0; i < count; i++) {
            text.append("i:").append(i).append(";N;");
        }
        text.append('}');

        assertThatThrownBy(() -> PhpSerializer.unserialize(text.toString()))
                .isInstanceOf(PhpFormatException.class)
                .hasMessageEndingWith("expected at most 1000000 values");
    }

    @Test
    void errorMessagesNeverContainTheData() {
        String secret = "s:6:\"secret\";x";

        assertThatThrownBy(() -> PhpSerializer.unserialize(secret))
                .isInstanceOf(PhpFormatException.class)
                .message().doesNotContain("secret");
    }

    @Test
    void asListAcceptsOnlyKeysZeroToNMinusOneInOrder() {
        Map<Object, Object> list = new LinkedHashMap<>();
        list.put(0L, "a");
        list.put(1L, null);
        Map<Object, Object> gap = new LinkedHashMap<>();
        gap.put(0L, "a");
        gap.put(2L, "b");
        Map<Object, Object> outOfOrder = new LinkedHashMap<>();
        outOfOrder.put(1L, "b");
        outOfOrder.put(0L, "a");
        Map<Object, Object> stringKey = new LinkedHashMap<>();
        stringKey.put("0", "a");

        assertThat(PhpSerializer.asList(list)).hasValueSatisfying(values -> assertThat(values).containsExactly("a", null));
        assertThat(PhpSerializer.asList(Map.of())).contains(List.<Object>of());
        assertThat(PhpSerializer.asList(gap)).isEqualTo(Optional.empty());
        assertThat(PhpSerializer.asList(outOfOrder)).isEqualTo(Optional.empty());
        assertThat(PhpSerializer.asList(stringKey)).isEqualTo(Optional.empty());
    }

    @Test
    void phpFormatExceptionIsAStoreFailure() {
        PhpFormatException exception = new PhpFormatException("broken");

        assertThat(exception).isInstanceOf(io.roostcrm.core.CrmStoreException.class);
        assertThat(exception.code()).isEqualTo(io.roostcrm.core.ErrorCode.STORE_FAILURE);
        assertThat(exception.offset()).isEqualTo(-1L);
        assertThat(exception).hasMessage("broken").hasNoCause();
    }
}
