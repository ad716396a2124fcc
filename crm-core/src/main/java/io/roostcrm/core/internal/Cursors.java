package io.roostcrm.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldValues;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.SortKey;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Page cursors: the last row's masked sort values and id, with each value's type and the sort key it belongs to, as
 * URL-safe base64 of a small JSON document, followed by a MAC (HMAC-SHA256, truncated to 128 bits) over the document
 * and the user the cursor was made for, under a key every node of the deployment shares ({@link CrmRuntime} finds it).
 * So a cursor from one node works on every other, and a forged or altered one, or one made for another user, is
 * refused as malformed before its document is even parsed. Decoding then still checks everything (shape, sort keys,
 * types, and each value against its field's type and limits, such as a number's range), so that not even a cursor
 * under a leaked key can carry a value that costs the database more than a legitimate one (issue 10 item 9: a
 * number of {@code 1E+999999999} ran the MariaDB driver out of memory). Thread-safe.
 */
final class Cursors {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_LENGTH = 16_384;
    /** The longest number text a cursor may hold: 15 digits, a point, 6 decimals and a sign, with room to spare. */
    private static final int MAX_NUMBER_TEXT = 40;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final byte[] DOMAIN = "roost-cursor-1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    /** Cursors signed with this key (at least 32 bytes, from {@link CrmRuntime}). */
    Cursors(byte[] key) {
        this.key = new SecretKeySpec(key, MAC_ALGORITHM);
    }

    /** A cursor for the user with this id (0 for a subject the host describes). */
    String encode(List<SortKey> sort, List<Object> values, long id, long userId) {
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
        byte[] json = out.toString().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(json) + "." + base64.encodeToString(mac(json, userId));
    }

    private byte[] mac(byte[] json, long userId) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            mac.update(DOMAIN);
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(userId).array());
            return Arrays.copyOf(mac.doFinal(json), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Decodes a cursor for these sort keys.
     *
     * @throws CrmValidationException field {@code cursor}, rule {@code malformed}, when it is not a cursor of this
     *                                query
     */
    Keyset decode(String cursor, List<SortKey> sort, Access access) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        try {
            int dot = cursor.indexOf('.');
            expect(dot > 0 && dot == cursor.lastIndexOf('.'));
            byte[] json = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            expect(MessageDigest.isEqual(given, mac(json, access.userId())));
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
                        values.add(withinLimits(field, parse(tag, p.getText())));
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
            // Every failure, a value's own validation included, is the one answer: the cursor is malformed. A
            // violation naming a field's rule would tell a forger which of their guesses got how far.
            throw malformed();
        }
    }

    /**
     * The value, when it is of the field's type and within its limits: text no longer than the type allows, numbers,
     * dates and stage ids as {@link FieldValues#normalize} accepts them. Not the rules on content (an e-mail's shape,
     * a select's options), which a value stored before a rule changed may break and still be a row's sort value.
     */
    private static Object withinLimits(FieldDefinition field, Object value) {
        expect(field.type().javaType().isInstance(value));
        return switch (field.type()) {
            case NUMBER, DATE, DATETIME, CHECKBOX, STAGE -> FieldValues.normalize(field, value);
            default -> {
                expect(value instanceof String text && text.length() <= field.type().maxLength());
                yield value;
            }
        };
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
            case "n" -> {
                // Bounded before parsing: BigDecimal keeps 1E+999999999 in a few bytes, but whatever prints it
                // (a driver binding it, toPlainString) writes a billion digits.
                expect(text.length() <= MAX_NUMBER_TEXT);
                yield new BigDecimal(text);
            }
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
