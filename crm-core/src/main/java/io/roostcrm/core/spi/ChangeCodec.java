package io.roostcrm.core.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.roostcrm.core.CrmConfigurationException;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the fields of a change-log entry as compact JSON and reads them back with their types, for stores that keep
 * them in one text column. Each field is {@code {"k":key,"b":value,"a":value}} with {@code b} (before) or {@code a}
 * (after) left out when absent, and each value a two-element array of a type tag and its text:
 * {@code ["s","text"]}, {@code ["n","1.5"]} (decimal), {@code ["l","42"]} (long), {@code ["b","true"]},
 * {@code ["d","2024-03-31"]}, {@code ["t","2024-03-31T02:30"]} (date-time), {@code ["i","2024-03-31T02:30:00Z"]}
 * (instant), {@code ["S",["a","b"]]} (strings), {@code ["L",["1","2"]]} (longs). Every value is text, so no
 * number loses digits in any JSON reader.
 */
public final class ChangeCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private ChangeCodec() {
    }

    /** The fields as JSON. */
    public static String encode(List<FieldChange> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (FieldChange field : fields) {
                g.writeStartObject();
                g.writeStringField("k", field.key());
                Optional<Object> before = field.before();
                if (before.isPresent()) {
                    g.writeFieldName("b");
                    writeValue(g, before.get());
                }
                Optional<Object> after = field.after();
                if (after.isPresent()) {
                    g.writeFieldName("a");
                    writeValue(g, after.get());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        g.writeStartArray();
        if (value instanceof List<?> list) {
            boolean longs = !list.isEmpty() && list.get(0) instanceof Long;
            g.writeString(longs ? "L" : "S");
            g.writeStartArray();
            for (Object item : list) {
                g.writeString(item.toString());
            }
            g.writeEndArray();
        } else {
            g.writeString(tag(value));
            g.writeString(value instanceof BigDecimal number ? number.toPlainString() : value.toString());
        }
        g.writeEndArray();
    }

    private static String tag(Object value) {
        if (value instanceof String) {
            return "s";
        }
        if (value instanceof BigDecimal) {
            return "n";
        }
        if (value instanceof Long) {
            return "l";
        }
        if (value instanceof Boolean) {
            return "b";
        }
        if (value instanceof LocalDate) {
            return "d";
        }
        if (value instanceof LocalDateTime) {
            return "t";
        }
        if (value instanceof Instant) {
            return "i";
        }
        throw new IllegalArgumentException("a change-log value cannot be a " + value.getClass().getName());
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws CrmConfigurationException if the text is not such JSON (a store's column was altered by hand); it
     *                                   carries no cause, whose message would quote the stored values
     */
    public static List<FieldChange> decode(String json) {
        List<FieldChange> fields = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String key = null;
                Object before = null;
                Object after = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "k" -> key = p.getText();
                        case "b" -> before = readValue(p);
                        case "a" -> after = readValue(p);
                        default -> throw new IOException("unexpected member " + name);
                    }
                }
                if (key == null) {
                    throw new IOException("a field change without a key");
                }
                fields.add(FieldChange.between(key, Optional.ofNullable(before), Optional.ofNullable(after))
                        .orElseThrow(() -> new IOException("a field change without a change")));
            }
        } catch (IOException | RuntimeException e) {
            // No cause: the parser's message quotes the stored text, which holds field values.
            throw new CrmConfigurationException("a stored change-log entry is not in Roost's format");
        }
        return fields;
    }

    private static Object readValue(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        p.nextToken();
        String tag = p.getText();
        Object value;
        if (tag.equals("S") || tag.equals("L")) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            List<Object> items = new ArrayList<>();
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                items.add(tag.equals("L") ? (Object) Long.parseLong(p.getText()) : p.getText());
            }
            value = items;
        } else {
            p.nextToken();
            value = parse(tag, p.getText());
        }
        expect(p.nextToken(), JsonToken.END_ARRAY);
        return value;
    }

    private static Object parse(String tag, String text) throws IOException {
        try {
            return switch (tag) {
                case "s" -> text;
                case "n" -> new BigDecimal(text);
                case "l" -> Long.parseLong(text);
                case "b" -> Boolean.parseBoolean(text);
                case "d" -> LocalDate.parse(text);
                case "t" -> LocalDateTime.parse(text);
                case "i" -> Instant.parse(text);
                default -> throw new IOException("unknown value type " + tag);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException("a value that does not parse as its type " + tag, e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
