package io.roostcrm.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Page cursors: the last row's masked sort values and id, with each value's type and the sort key it belongs to,
 * as URL-safe base64 of a small JSON document. Decoding checks everything (shape, sort keys, types, id) so that a
 * tampered or foreign cursor is refused as malformed instead of reaching the store.
 */
final class Cursors {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_LENGTH = 16_384;

    private Cursors() {
    }

    static String encode(List<SortKey> sort, List<Object> values, long id) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("k");
            for (int i = 0; i < sort.size(); i++) {
                SortKey key = sort.get(i);
                Object value = values.get(i);
                g.writeStartArray();
                g.writeString(key.field());
                g.writeString(key.direction().name());
                g.writeString(tag(value));
                if (value == null) {
                    g.writeNull();
                } else {
                    g.writeString(text(value));
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeNumberField("i", id);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a cursor", e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor for these sort keys.
     *
     * @throws CrmValidationException field {@code cursor}, rule {@code malformed}, when it is not a cursor of this
     *                                query
     */
    static Keyset decode(String cursor, List<SortKey> sort, Access access) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(cursor);
            try (JsonParser p = JSON.createParser(json)) {
                expect(p.nextToken() == JsonToken.START_OBJECT);
                expect(p.nextToken() == JsonToken.FIELD_NAME && "k".equals(p.currentName()));
                expect(p.nextToken() == JsonToken.START_ARRAY);
                List<Object> values = new ArrayList<>(sort.size());
                for (SortKey key : sort) {
                    expect(p.nextToken() == JsonToken.START_ARRAY);
                    expect(p.nextToken() == JsonToken.VALUE_STRING && key.field().equals(p.getText()));
                    expect(p.nextToken() == JsonToken.VALUE_STRING && key.direction().name().equals(p.getText()));
                    expect(p.nextToken() == JsonToken.VALUE_STRING);
                    String tag = p.getText();
                    JsonToken token = p.nextToken();
                    if (token == JsonToken.VALUE_NULL) {
                        expect("z".equals(tag));
                        values.add(null);
                    } else {
                        expect(token == JsonToken.VALUE_STRING);
                        FieldDefinition field = access.readableField(key.field());
                        expect(field != null);
                        Object value = parse(tag, p.getText());
                        expect(field.type().javaType().isInstance(value));
                        values.add(value);
                    }
                    expect(p.nextToken() == JsonToken.END_ARRAY);
                }
                expect(p.nextToken() == JsonToken.END_ARRAY);
                expect(p.nextToken() == JsonToken.FIELD_NAME && "i".equals(p.currentName()));
                expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT);
                long id = p.getLongValue();
                expect(id > 0);
                expect(p.nextToken() == JsonToken.END_OBJECT);
                expect(p.nextToken() == null);
                return new Keyset(values, id);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CrmValidationException v) {
                throw v;
            }
            throw malformed();
        }
    }

    private static String tag(Object value) {
        if (value == null) {
            return "z";
        }
        if (value instanceof String) {
            return "s";
        }
        if (value instanceof BigDecimal) {
            return "n";
        }
        if (value instanceof LocalDateTime) {
            return "t";
        }
        if (value instanceof LocalDate) {
            return "d";
        }
        if (value instanceof Boolean) {
            return "b";
        }
        if (value instanceof Long) {
            return "l";
        }
        throw new IllegalArgumentException("cannot put a " + value.getClass().getSimpleName() + " in a cursor");
    }

    private static String text(Object value) {
        return value instanceof BigDecimal n ? n.toPlainString() : value.toString();
    }

    private static Object parse(String tag, String text) {
        return switch (tag) {
            // No NUL or lone surrogate: no stored value has one, and PostgreSQL fails on NUL (issue 10 item 12).
            case "s" -> TextRules.isTerm(text) ? text : null;
            case "n" -> new BigDecimal(text);
            case "t" -> LocalDateTime.parse(text);
            case "d" -> LocalDate.parse(text);
            case "b" -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw malformed();
            };
            case "l" -> Long.valueOf(text);
            default -> throw malformed();
        };
    }

    private static void expect(boolean condition) {
        if (!condition) {
            throw malformed();
        }
    }

    private static CrmValidationException malformed() {
        return new CrmValidationException(Violation.of("cursor", "malformed", "is malformed"));
    }
}
