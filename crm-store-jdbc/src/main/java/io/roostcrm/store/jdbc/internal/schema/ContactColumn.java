package io.roostcrm.store.jdbc.internal.schema;

import io.roostcrm.core.field.FieldType;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One field's column on {@code roost_contact}: a standard field's own column or a custom field's {@code cf_<n>}, and
 * the conversion between the field type's Java value and the stored value.
 *
 * <p>Multi-select values are stored as {@code |a|b|} (with {@code \} and {@code |} inside options escaped as
 * {@code \\} and {@code \p}), so that "contains option a" is {@code LIKE '%|a|%'}.
 *
 * @param key        the field key
 * @param type       the field type
 * @param columnName the column
 */
public record ContactColumn(String key, FieldType type, String columnName) {

    /** Checks the components. */
    public ContactColumn {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(columnName, "columnName");
    }

    /** Whether this is a custom field's column ({@code cf_<n>}), not a standard one. */
    public boolean isCustom() {
        return columnName.startsWith("cf_");
    }

    /** The column as a typed (by stored value) jOOQ field. */
    @SuppressWarnings("unchecked")
    public Field<Object> field() {
        return DSL.field(DSL.name(columnName), (DataType<Object>) bindType(type));
    }

    /** The jOOQ type values of a field type are bound and read as. */
    static DataType<?> bindType(FieldType type) {
        return switch (type) {
            case TEXT, TEXTAREA, SELECT, MULTI_SELECT, EMAIL, URL, PHONE -> SQLDataType.VARCHAR;
            case NUMBER -> SQLDataType.DECIMAL(21, 6);
            // Bound as java.time values, never through java.sql.Date/Timestamp and the JVM's zone: see JavaTimeTypes.
            case DATE -> JavaTimeTypes.LOCAL_DATE;
            case DATETIME -> JavaTimeTypes.localDateTime(0);
            case CHECKBOX -> SQLDataType.BOOLEAN;
            case STAGE -> SQLDataType.BIGINT;
        };
    }

    /** The stored form of a value of this field's Java type. */
    public Object toDb(Object value) {
        if (type == FieldType.MULTI_SELECT) {
            return encodeChoices(value);
        }
        if (type == FieldType.STAGE && value instanceof Number n) {
            return n.longValue();
        }
        return value;
    }

    /** The stored form of one multi-select option as it appears inside the stored text, delimiters included. */
    public static String encodedOption(String option) {
        return "|" + escape(option) + "|";
    }

    /** The Java value of a stored value (never null for a non-null input). */
    public Object fromDb(Object value) {
        return switch (type) {
            case NUMBER -> canonical((BigDecimal) value);
            case MULTI_SELECT -> decodeChoices((String) value);
            case DATETIME -> ((LocalDateTime) value).truncatedTo(ChronoUnit.SECONDS);
            case STAGE -> ((Number) value).longValue();
            default -> value;
        };
    }

    /**
     * Reads this column from a result set with the getter for its stored type, converted as {@link #fromDb}; or
     * {@code null} when the row has no value (SQL NULL, or an empty multi-select).
     */
    public Object read(ResultSet rs, int index) throws SQLException {
        Object stored = switch (type) {
            case TEXT, TEXTAREA, SELECT, MULTI_SELECT, EMAIL, URL, PHONE -> rs.getString(index);
            case NUMBER -> rs.getBigDecimal(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case DATETIME -> rs.getObject(index, LocalDateTime.class);
            case CHECKBOX -> {
                boolean checked = rs.getBoolean(index);
                yield rs.wasNull() ? null : checked;
            }
            case STAGE -> {
                long stage = rs.getLong(index);
                yield rs.wasNull() ? null : stage;
            }
        };
        if (stored == null) {
            return null;
        }
        Object value = fromDb(stored);
        return isEmptyValue(value) ? null : value;
    }

    /** Whether a stored value stands for "no value" (an empty multi-select is stored as NULL). */
    private static boolean isEmptyValue(Object value) {
        return value instanceof List<?> list && list.isEmpty();
    }

    private static BigDecimal canonical(BigDecimal value) {
        BigDecimal n = value.stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    private static String encodeChoices(Object value) {
        List<?> choices = (List<?>) value;
        if (choices.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("|");
        for (Object choice : choices) {
            out.append(escape((String) choice)).append('|');
        }
        return out.toString();
    }

    private static List<String> decodeChoices(String stored) {
        // Stored as |a|b|: one pass over the text, no regular expression, no intermediate list. The end of the text
        // counts as a delimiter and empty parts are skipped, so text written without the outer bars reads the same.
        int length = stored.length();
        String[] out = new String[length / 2 + 1];
        int n = 0;
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || stored.charAt(i) == '|') {
                if (i > start) {
                    out[n++] = unescape(stored.substring(start, i));
                }
                start = i + 1;
            }
        }
        return List.of(Arrays.copyOf(out, n));
    }

    private static String escape(String option) {
        return option.replace("\\", "\\\\").replace("|", "\\p");
    }

    private static String unescape(String stored) {
        if (stored.indexOf('\\') < 0) {
            return stored;
        }
        StringBuilder out = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == '\\' && i + 1 < stored.length()) {
                char next = stored.charAt(++i);
                out.append(next == 'p' ? '|' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
