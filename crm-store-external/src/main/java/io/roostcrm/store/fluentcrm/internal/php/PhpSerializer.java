package io.roostcrm.store.fluentcrm.internal.php;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * PHP's {@code serialize} format, restricted to the values FluentCRM stores for Roost: {@code N;} null,
 * {@code b:} booleans, {@code i:} integers, {@code d:} floats, {@code s:} strings and {@code a:} arrays. String
 * lengths are UTF-8 byte counts, as PHP writes them.
 *
 * <p>Reading is strict: exactly one value, every length, count and terminator checked, and objects ({@code O:},
 * {@code C:}), references ({@code r:}, {@code R:}), enums ({@code E:}) and PHP 6 escaped strings ({@code S:}) are
 * refused. Hostile input is bounded by {@link #MAX_INPUT_BYTES}, {@link #MAX_DEPTH} and {@link #MAX_VALUES}. Every
 * failure is a {@link PhpFormatException} whose message never contains the data.
 *
 * <p>Stateless and thread-safe.
 */
public final class PhpSerializer {

    /** Deepest array nesting accepted when reading or writing; a top-level array is depth 1. */
    public static final int MAX_DEPTH = 64;
    /** Largest UTF-8 encoded input {@link #unserialize} accepts (16 MiB). */
    public static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;
    /** Most values (array elements at any depth, plus the top-level value) one input may hold. */
    public static final int MAX_VALUES = 1_000_000;
    /** Longest numeric token accepted after {@code i:} or {@code d:}; PHP itself never writes more than ~25. */
    static final int MAX_NUMBER_CHARS = 400;

    /** The smallest array element is {@code i:0;N;}, so a count above remaining/6 cannot be honest. */
    private static final int MIN_ELEMENT_BYTES = 6;

    private PhpSerializer() {
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Serializes a value as PHP's {@code serialize} (PHP 7.1+, {@code serialize_precision=-1}) would.
     *
     * <ul>
     *   <li>{@code null} &rarr; {@code N;}; {@link Boolean} &rarr; {@code b:0;}/{@code b:1;}</li>
     *   <li>{@link Integer}, {@link Long} &rarr; {@code i:n;}</li>
     *   <li>finite {@link Double}, {@link Float} &rarr; {@code d:...;} with the shortest round-trip digits, e.g.
     *       {@code d:0.1;}, {@code d:1;}, {@code d:1.0E+25;}, {@code d:-0;} (see {@link PhpDoubleFormat}); a
     *       {@code Float} is widened exactly, so {@code 0.1f} is written {@code d:0.10000000149011612;}</li>
     *   <li>{@link String} &rarr; {@code s:<UTF-8 byte length>:"...";}</li>
     *   <li>{@link List} &rarr; {@code a:n:{i:0;...}}; {@link Map} with {@code String}, {@code Integer} or
     *       {@code Long} keys &rarr; {@code a:n:{...}} in iteration order. String keys that are canonical decimal
     *       integers in the {@code long} range ({@code "7"}, {@code "-3"}, not {@code "07"} or {@code "-0"}) are
     *       written as integer keys, as PHP stores them.</li>
     * </ul>
     *
     * @param value the value; may be {@code null}
     * @return the serialized text
     * @throws PhpFormatException for any other type, NaN or infinity, a string with an unpaired surrogate, a
     *                            {@code null} or unsupported key, two keys that PHP would treat as the same, or
     *                            nesting deeper than {@link #MAX_DEPTH}
     */
    public static String serialize(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("N;");
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "b:1;" : "b:0;");
        } else if (value instanceof Long || value instanceof Integer) {
            out.append("i:").append(((Number) value).longValue()).append(';');
        } else if (value instanceof Double || value instanceof Float) {
            out.append("d:").append(PhpDoubleFormat.format(((Number) value).doubleValue())).append(';');
        } else if (value instanceof String string) {
            writeString(string, out);
        } else if (value instanceof List<?> list) {
            int childDepth = enterArray(depth);
            out.append("a:").append(list.size()).append(":{");
            long index = 0;
            for (Object element : list) {
                out.append("i:").append(index++).append(';');
                write(element, out, childDepth);
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            int childDepth = enterArray(depth);
            out.append("a:").append(map.size()).append(":{");
            Set<Object> seenKeys = new HashSet<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = phpKey(entry.getKey());
                if (!seenKeys.add(key)) {
                    throw new PhpFormatException("two map keys are the same PHP array key");
                }
                if (key instanceof Long number) {
                    out.append("i:").append(number.longValue()).append(';');
                } else {
                    writeString((String) key, out);
                }
                write(entry.getValue(), out, childDepth);
            }
            out.append('}');
        } else {
            throw new PhpFormatException("values of type " + value.getClass().getName() + " cannot be serialized");
        }
    }

    private static int enterArray(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new PhpFormatException("arrays are nested deeper than " + MAX_DEPTH);
        }
        return depth + 1;
    }

    /** The key as PHP holds it: a Long, or a String that is not a canonical integer. */
    private static Object phpKey(Object key) {
        if (key instanceof Long || key instanceof Integer) {
            return ((Number) key).longValue();
        }
        if (key instanceof String string) {
            Long number = canonicalInteger(string);
            return number != null ? number : string;
        }
        throw new PhpFormatException(
                "map keys must be String, Integer or Long, not " + (key == null ? "null" : key.getClass().getName()));
    }

    private static void writeString(String string, StringBuilder out) {
        out.append("s:").append(utf8Length(string)).append(":\"").append(string).append("\";");
    }

    private static long utf8Length(String string) {
        long length = 0;
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < string.length()
                    && Character.isLowSurrogate(string.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new PhpFormatException("a string contains an unpaired surrogate, which is not valid Unicode");
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * PHP turns a string array key into an integer key when it is "-?[1-9][0-9]*" or "0" and fits in a long
     * ({@code ZEND_HANDLE_NUMERIC_STR}); returns that integer, else {@code null}.
     */
    private static Long canonicalInteger(String key) {
        int length = key.length();
        if (length == 0 || length > 20) {
            return null;
        }
        int start = key.charAt(0) == '-' ? 1 : 0;
        if (start == length) {
            return null;
        }
        char first = key.charAt(start);
        if (first == '0') {
            return length == 1 ? 0L : null; // "0" only; "-0" and "01" stay strings
        }
        for (int i = start; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * Reads exactly one serialized value that must fill the whole input; only trailing whitespace (PHP's
     * {@code trim} set: space, tab, LF, CR, NUL, vertical tab) may follow it.
     *
     * @param text the serialized text
     * @return {@code null}, a {@link Boolean}, {@link Long}, {@link Double} (NaN and infinities included, as PHP may
     *         write {@code d:NAN;} and {@code d:INF;}), {@link String}, or a mutable {@link LinkedHashMap} with
     *         {@code Long} or {@code String} keys in stored order for an array (string keys that PHP would hold as
     *         integers, such as {@code s:1:"7"}, become {@code Long})
     * @throws NullPointerException if {@code text} is null
     * @throws PhpFormatException   if the input is malformed, uses objects, references or enums, has duplicate keys,
     *                              or exceeds {@link #MAX_INPUT_BYTES}, {@link #MAX_DEPTH} or {@link #MAX_VALUES};
     *                              the exception carries the byte offset of the failure
     */
    public static Object unserialize(String text) {
        Objects.requireNonNull(text, "text");
        Reader reader = new Reader(encodeUtf8(text));
        Object value = reader.readValue(0);
        reader.expectEnd();
        return value;
    }

    /**
     * WordPress {@code maybe_unserialize}: unserializes {@code text} when {@link #isSerialized} says it is
     * serialized, else returns it unchanged. Like {@code fluentcrm_get_subscriber_meta}, a result that is itself a
     * serialized-looking string (WordPress double serialization) is unserialized once more, and no further.
     *
     * @param text the stored text
     * @return the unserialized value, or {@code text} itself
     * @throws NullPointerException if {@code text} is null
     * @throws PhpFormatException   if the text looks serialized but is not valid (see {@link #unserialize})
     */
    public static Object maybeUnserialize(String text) {
        Objects.requireNonNull(text, "text");
        if (!isSerialized(text)) {
            return text;
        }
        Object value = unserialize(phpTrim(text));
        if (value instanceof String inner && isSerialized(inner)) {
            value = unserialize(phpTrim(inner));
        }
        return value;
    }

    /**
     * WordPress {@code is_serialized($data, true)}: whether the trimmed text looks like a serialized value:
     * {@code N;}, {@code b:...;}, {@code i:...;}, {@code d:...;} (digits, {@code .}, {@code E}, {@code +},
     * {@code -}), {@code s:n:"...";}, {@code a:n:...}, {@code O:n:...} or {@code E:n:...}. Roost also answers
     * {@code true} for {@code C:n:...}, so such text reaches {@link #unserialize} and is refused there instead of
     * being taken for plain text. Only the shape is checked; {@link #unserialize} may still refuse the text.
     *
     * @param text any text
     * @return whether it looks serialized
     * @throws NullPointerException if {@code text} is null
     */
    public static boolean isSerialized(String text) {
        Objects.requireNonNull(text, "text");
        String data = phpTrim(text);
        if (data.equals("N;")) {
            return true;
        }
        int length = data.length();
        if (length < 4 || data.charAt(1) != ':') {
            return false;
        }
        char last = data.charAt(length - 1);
        if (last != ';' && last != '}') {
            return false;
        }
        char token = data.charAt(0);
        switch (token) {
            case 's':
                if (data.charAt(length - 2) != '"') {
                    return false;
                }
                return hasCountPrefix(data);
            case 'a':
            case 'O':
            case 'E':
            case 'C':
                return hasCountPrefix(data);
            case 'b':
            case 'i':
            case 'd':
                if (last != ';' || length < 4) {
                    return false;
                }
                for (int i = 2; i < length - 1; i++) {
                    char c = data.charAt(i);
                    if (!(c >= '0' && c <= '9') && c != '.' && c != 'E' && c != '+' && c != '-') {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /** {@code ^X:[0-9]+:} */
    private static boolean hasCountPrefix(String data) {
        int i = 2;
        while (i < data.length() && data.charAt(i) >= '0' && data.charAt(i) <= '9') {
            i++;
        }
        return i > 2 && i < data.length() && data.charAt(i) == ':';
    }

    /**
     * A PHP array that is a list: when the keys are exactly {@code 0, 1, ..., n-1} in that order ({@code Long} or
     * {@code Integer} keys), its values in order.
     *
     * @param phpArray an array as returned by {@link #unserialize}
     * @return the values as an unmodifiable list (which may contain nulls), or empty when the keys are not a list
     * @throws NullPointerException if {@code phpArray} is null
     */
    public static Optional<List<Object>> asList(Map<?, ?> phpArray) {
        Objects.requireNonNull(phpArray, "phpArray");
        List<Object> values = new ArrayList<>(phpArray.size());
        long expected = 0;
        for (Map.Entry<?, ?> entry : phpArray.entrySet()) {
            Object key = entry.getKey();
            boolean integral = key instanceof Long || key instanceof Integer;
            if (!integral || ((Number) key).longValue() != expected) {
                return Optional.empty();
            }
            expected++;
            values.add(entry.getValue());
        }
        return Optional.of(Collections.unmodifiableList(values));
    }

    /** PHP's default {@code trim} characters. */
    private static boolean isPhpWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == 0x0B;
    }

    private static String phpTrim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPhpWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPhpWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Strict UTF-8 encoding: an unpaired surrogate is refused rather than silently replaced by '?'. */
    private static byte[] encodeUtf8(String text) {
        if (text.length() > MAX_INPUT_BYTES) {
            throw new PhpFormatException("input is longer than " + MAX_INPUT_BYTES + " bytes", MAX_INPUT_BYTES);
        }
        long byteLength = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                byteLength += 1;
            } else if (c < 0x800) {
                byteLength += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                byteLength += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new PhpFormatException(
                        "input is not valid Unicode: unpaired surrogate at byte " + byteLength, byteLength);
            } else {
                byteLength += 3;
            }
        }
        if (byteLength > MAX_INPUT_BYTES) {
            throw new PhpFormatException("input is longer than " + MAX_INPUT_BYTES + " bytes", MAX_INPUT_BYTES);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A recursive-descent reader over the UTF-8 bytes; recursion is bounded by {@link #MAX_DEPTH}. */
    private static final class Reader {
        private final byte[] in;
        private int pos;
        private int values;

        Reader(byte[] in) {
            this.in = in;
        }

        Object readValue(int depth) {
            if (++values > MAX_VALUES) {
                throw fail("at most " + MAX_VALUES + " values");
            }
            if (pos >= in.length) {
                throw fail("a value");
            }
            switch (in[pos]) {
                case 'N':
                    pos++;
                    expect(';');
                    return null;
                case 'b':
                    return readBoolean();
                case 'i':
                    pos++;
                    expect(':');
                    long number = readInteger();
                    expect(';');
                    return number;
                case 'd':
                    pos++;
                    expect(':');
                    double floating = readDouble();
                    expect(';');
                    return floating;
                case 's':
                    return readString();
                case 'a':
                    return readArray(depth);
                case 'O':
                case 'C':
                    throw fail("a value other than an object (objects are refused)");
                case 'r':
                case 'R':
                    throw fail("a value other than a reference (references are refused)");
                case 'E':
                    throw fail("a value other than an enum (enums are refused)");
                default:
                    throw fail("a value: one of N; b: i: d: s: a:");
            }
        }

        private Boolean readBoolean() {
            pos++;
            expect(':');
            if (pos < in.length && (in[pos] == '0' || in[pos] == '1')) {
                boolean value = in[pos] == '1';
                pos++;
                expect(';');
                return value;
            }
            throw fail("'0' or '1'");
        }

        /** {@code [+-]?[0-9]+} within the long range, as PHP's {@code parse_iv2}. */
        private long readInteger() {
            int start = pos;
            boolean negative = false;
            if (pos < in.length && (in[pos] == '-' || in[pos] == '+')) {
                negative = in[pos] == '-';
                pos++;
            }
            int digitsStart = pos;
            long value = 0; // accumulated negatively so that Long.MIN_VALUE fits
            while (pos < in.length && isDigit(in[pos])) {
                if (pos - start >= MAX_NUMBER_CHARS) {
                    throw fail("a number of at most " + MAX_NUMBER_CHARS + " characters");
                }
                int digit = in[pos] - '0';
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    pos = start;
                    throw fail("an integer within the 64-bit range");
                }
                value = value * 10 - digit;
                pos++;
            }
            if (pos == digitsStart) {
                throw fail("a digit");
            }
            if (!negative) {
                if (value == Long.MIN_VALUE) {
                    pos = start;
                    throw fail("an integer within the 64-bit range");
                }
                value = -value;
            }
            return value;
        }

        /**
         * PHP's grammar: {@code iv | nv | nve | NAN | -?INF} with {@code iv = [+-]?[0-9]+},
         * {@code nv = [+-]?([0-9]*\.[0-9]+|[0-9]+\.[0-9]*)}, {@code nve = (iv|nv)[eE]iv}.
         */
        private double readDouble() {
            int start = pos;
            if (matches("NAN")) {
                pos += 3;
                return Double.NaN;
            }
            if (matches("INF")) {
                pos += 3;
                return Double.POSITIVE_INFINITY;
            }
            if (matches("-INF")) {
                pos += 4;
                return Double.NEGATIVE_INFINITY;
            }
            if (pos < in.length && (in[pos] == '-' || in[pos] == '+')) {
                pos++;
            }
            int integerDigits = skipDigits();
            int fractionDigits = 0;
            if (pos < in.length && in[pos] == '.') {
                pos++;
                fractionDigits = skipDigits();
            }
            if (integerDigits + fractionDigits == 0) {
                throw fail("a digit");
            }
            if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
                pos++;
                if (pos < in.length && (in[pos] == '-' || in[pos] == '+')) {
                    pos++;
                }
                if (skipDigits() == 0) {
                    throw fail("an exponent digit");
                }
            }
            if (pos - start > MAX_NUMBER_CHARS) {
                pos = start;
                throw fail("a number of at most " + MAX_NUMBER_CHARS + " characters");
            }
            // The grammar above is a subset of what Double.parseDouble accepts, so this cannot fail.
            return Double.parseDouble(new String(in, start, pos - start, StandardCharsets.US_ASCII));
        }

        private int skipDigits() {
            int start = pos;
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
            return pos - start;
        }

        private String readString() {
            pos++;
            expect(':');
            int lengthAt = pos;
            int length = readLength();
            expect(':');
            expect('"');
            // Room for the bytes plus the closing quote and semicolon.
            if ((long) length + 2 > in.length - pos) {
                pos = lengthAt;
                throw fail("a string length that fits the input");
            }
            int contentStart = pos;
            pos += length;
            expect('"');
            expect(';');
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(in, contentStart, length))
                        .toString();
            } catch (CharacterCodingException notUtf8) {
                // Cannot happen for input that came from a Java String (a quote never follows a split sequence),
                // but stays strict should that ever change.
                pos = contentStart;
                throw fail("a string that is valid UTF-8");
            }
        }

        private Map<Object, Object> readArray(int depth) {
            if (depth >= MAX_DEPTH) {
                throw fail("arrays nested at most " + MAX_DEPTH + " deep");
            }
            pos++;
            expect(':');
            int countAt = pos;
            int count = readLength();
            expect(':');
            expect('{');
            if ((long) count * MIN_ELEMENT_BYTES > in.length - pos) {
                pos = countAt;
                throw fail("an element count that fits the input");
            }
            Map<Object, Object> array = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                int keyAt = pos;
                Object key = readKey();
                if (array.containsKey(key)) {
                    pos = keyAt;
                    throw fail("a key not already used in this array");
                }
                array.put(key, readValue(depth + 1));
            }
            expect('}');
            return array;
        }

        private Object readKey() {
            if (pos < in.length && in[pos] == 'i') {
                pos++;
                expect(':');
                long key = readInteger();
                expect(';');
                return key;
            }
            if (pos < in.length && in[pos] == 's') {
                String key = readString();
                Long number = canonicalInteger(key);
                return number != null ? number : key;
            }
            throw fail("an array key: i: or s:");
        }

        /** {@code [0-9]+} within the int range (PHP's {@code uiv}). */
        private int readLength() {
            int start = pos;
            long value = 0;
            while (pos < in.length && isDigit(in[pos])) {
                value = value * 10 + (in[pos] - '0');
                if (value > Integer.MAX_VALUE) {
                    pos = start;
                    throw fail("a length or count within the input's size");
                }
                pos++;
            }
            if (pos == start) {
                throw fail("a digit");
            }
            return (int) value;
        }

        void expectEnd() {
            while (pos < in.length && isPhpWhitespace(in[pos])) {
                pos++;
            }
            if (pos != in.length) {
                throw fail("the end of the input");
            }
        }

        private void expect(char c) {
            if (pos >= in.length || in[pos] != c) {
                throw fail("'" + c + "'");
            }
            pos++;
        }

        private boolean matches(String ascii) {
            if (in.length - pos < ascii.length()) {
                return false;
            }
            for (int i = 0; i < ascii.length(); i++) {
                if (in[pos + i] != ascii.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }

        private PhpFormatException fail(String expected) {
            String where = pos >= in.length ? "end of input (byte " + pos + ")" : "byte " + pos;
            return new PhpFormatException("malformed PHP serialized value at " + where + ": expected " + expected,
                    pos);
        }
    }
}
