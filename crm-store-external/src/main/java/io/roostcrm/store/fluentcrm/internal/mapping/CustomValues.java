package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.store.fluentcrm.internal.php.PhpSerializer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Custom field values as {@code fc_subscriber_meta.value} text (schema §8.3): scalars as strings (number
 * {@code "42"}, date {@code "2026-02-01"}, date-time {@code "2026-02-01 13:05:00"}), choices of a multi-select
 * PHP-serialized ({@code a:2:{i:0;s:4:"Java";i:1;s:2:"Go";}}). An empty value is no row.
 */
public final class CustomValues {

    private CustomValues() {
    }

    /** The stored text of a normalised value; empty when the value is empty (the row is deleted then). */
    public static Optional<String> encode(FieldDefinition field, Object value) {
        String text = switch (field.type()) {
            case NUMBER -> ((BigDecimal) value).toPlainString();
            case DATE -> WallClock.formatDate((LocalDate) value);
            case DATETIME -> WallClock.formatLocal((LocalDateTime) value);
            case MULTI_SELECT -> {
                List<?> choices = (List<?>) value;
                yield choices.isEmpty() ? "" : PhpSerializer.serialize(new ArrayList<Object>(choices));
            }
            case CHECKBOX -> String.valueOf(value);
            // WordPress's maybe_serialize wraps a string that itself looks serialized, so that FluentCRM's
            // maybe_unserialize gives the string back instead of turning it into an array.
            default -> PhpSerializer.isSerialized((String) value) ? PhpSerializer.serialize(value) : (String) value;
        };
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * The WordPress sanitizer a custom value of this type meets on FluentCRM's next save: {@code text} fields (Roost's
     * TEXT, EMAIL, URL and PHONE) {@code sanitize_text_field}, text areas {@code sanitize_textarea_field}; none for
     * numbers, dates and choices.
     */
    public static Optional<WordPressText.Sanitizer> sanitizer(FieldDefinition field) {
        return switch (field.type()) {
            case TEXT, EMAIL, URL, PHONE -> Optional.of(WordPressText.Sanitizer.TEXT_FIELD);
            case TEXTAREA -> Optional.of(WordPressText.Sanitizer.TEXTAREA_FIELD);
            default -> Optional.empty();
        };
    }

    /** The same text as a single comparable operand for SQL (number, date and text types); not for choices. */
    public static Object operand(FieldDefinition field, Object value) {
        return switch (field.type()) {
            case NUMBER -> value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
            case DATE -> WallClock.formatDate((LocalDate) value);
            case DATETIME -> WallClock.formatLocal((LocalDateTime) value);
            default -> value.toString();
        };
    }

    /** The value of stored text, or empty if the text is empty or cannot be read as the field's type. */
    public static Optional<Object> decode(FieldDefinition field, String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return switch (field.type()) {
            case NUMBER -> number(text);
            case DATE -> WallClock.parseDate(text.trim()).map(d -> (Object) d);
            case DATETIME -> WallClock.parseLocal(text).map(d -> (Object) d);
            case MULTI_SELECT -> choices(text);
            case CHECKBOX -> Optional.of(Boolean.valueOf(text));
            default -> Optional.of(unwrapText(text));
        };
    }

    /** A scalar FluentCRM wrapped with maybe_serialize reads back as the string it wrapped; anything else as stored. */
    private static String unwrapText(String text) {
        if (!PhpSerializer.isSerialized(text)) {
            return text;
        }
        try {
            return PhpSerializer.unserialize(text.trim()) instanceof String s ? s : text;
        } catch (CrmStoreException e) {
            return text;
        }
    }

    private static Optional<Object> number(String text) {
        try {
            BigDecimal n = new BigDecimal(text.trim()).stripTrailingZeros();
            return Optional.of(n.scale() < 0 ? n.setScale(0) : n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> choices(String text) {
        Object decoded;
        try {
            decoded = PhpSerializer.maybeUnserialize(text);
        } catch (CrmStoreException e) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>();
        if (decoded instanceof Map<?, ?> array) {
            for (Object v : array.values()) {
                if (v != null && !(v instanceof Map)) {
                    out.add(String.valueOf(v));
                }
            }
        } else if (decoded instanceof String s) {
            // FluentCRM turns comma-separated input into arrays for these types (formatCustomFieldValues).
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
    }

    /** The fragment a serialized choice list contains for one option: {@code s:<bytes>:"<option>";}. */
    public static String serializedElement(String option) {
        return "s:" + option.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + ":\"" + option + "\";";
    }
}
