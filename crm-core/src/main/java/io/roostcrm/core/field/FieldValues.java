package io.roostcrm.core.field;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates, normalises, parses and formats field values. Every value passes {@link #normalize} before it reaches a
 * store, so stores may rely on the Java types and limits documented on {@link FieldType}. Error messages name the
 * field and the rule, never the value.
 *
 * <p>Dates and date-times are proleptic ISO values from {@value #FIRST_DATE} to {@value #LAST_DATE} (see
 * {@link FieldType}); {@link #normalize} and {@link #parse} refuse anything outside with rule {@code range}.
 */
public final class FieldValues {

    /** The first date a {@link FieldType#DATE} or {@link FieldType#DATETIME} value may have (ISO, proleptic). */
    public static final String FIRST_DATE = "0001-01-01";
    /** The last date a {@link FieldType#DATE} or {@link FieldType#DATETIME} value may have. */
    public static final String LAST_DATE = "9999-12-31";
    private static final String DATE_RANGE = "must be a date from " + FIRST_DATE + " to " + LAST_DATE;

    private static final BigDecimal NUMBER_LIMIT = BigDecimal.TEN.pow(15);
    private static final int MAX_SCALE = 6;
    private static final int MAX_CHOICES = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-./ x]*[0-9][0-9+()\\-./ x]*");
    private static final DateTimeFormatter DATETIME_TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private FieldValues() {
    }

    /**
     * Checks a value against its field and returns it in canonical form (trimmed e-mail in lower case, numbers
     * without trailing zeros, date-times to the second, choices as an immutable list). Text never contains NUL or
     * another control character (text areas may hold line breaks and tabs; rule {@code control_characters}) nor an
     * unpaired UTF-16 surrogate (rule {@code invalid_unicode}).
     *
     * @throws CrmValidationException naming the field and the broken rule
     */
    public static Object normalize(FieldDefinition field, Object value) {
        String key = field.key();
        if (value == null) {
            throw invalid(key, "type", "must not be null; clear it instead");
        }
        return switch (field.type()) {
            case TEXT, TEXTAREA, SELECT -> {
                String text = text(key, value, field.type().maxLength(), field.type() == FieldType.TEXTAREA);
                if (field.type() == FieldType.SELECT && !field.options().contains(text)) {
                    throw invalid(key, "option", "must be one of its options");
                }
                yield text;
            }
            case EMAIL -> {
                String email = text(key, value, FieldType.EMAIL.maxLength(), false).trim().toLowerCase(Locale.ROOT);
                if (!EMAIL.matcher(email).matches()) {
                    throw invalid(key, "email", "must be an e-mail address");
                }
                yield email;
            }
            case URL -> {
                String url = text(key, value, FieldType.URL.maxLength(), false).trim();
                try {
                    URI uri = new URI(url);
                    String scheme = uri.getScheme();
                    if (scheme == null || uri.getHost() == null
                            || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                        throw invalid(key, "url", "must be an http or https address");
                    }
                } catch (URISyntaxException e) {
                    throw invalid(key, "url", "must be an http or https address");
                }
                yield url;
            }
            case PHONE -> {
                String phone = text(key, value, FieldType.PHONE.maxLength(), false).trim();
                if (!PHONE.matcher(phone).matches()) {
                    throw invalid(key, "phone", "must be a telephone number");
                }
                yield phone;
            }
            case NUMBER -> number(key, value);
            case DATE -> {
                LocalDate date = value instanceof LocalDate d ? d : (LocalDate) typed(key, value, "a date", LocalDate.class);
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    throw invalid(key, "range", DATE_RANGE);
                }
                yield date;
            }
            case DATETIME -> {
                LocalDateTime dt = (LocalDateTime) typed(key, value, "a date and time", LocalDateTime.class);
                if (dt.getYear() < 1 || dt.getYear() > 9999) {
                    throw invalid(key, "range", DATE_RANGE);
                }
                yield dt.truncatedTo(ChronoUnit.SECONDS);
            }
            case CHECKBOX -> typed(key, value, "true or false", Boolean.class);
            case STAGE -> {
                if (!(value instanceof Long || value instanceof Integer)) {
                    throw invalid(key, "type", "must be a stage id");
                }
                long id = ((Number) value).longValue();
                if (id <= 0) {
                    throw invalid(key, "type", "must be a stage id");
                }
                yield id;
            }
            case MULTI_SELECT -> {
                if (!(value instanceof List<?> list)) {
                    throw invalid(key, "type", "must be a list of options");
                }
                if (list.size() > MAX_CHOICES) {
                    throw invalid(key, "max_items", "must have at most " + MAX_CHOICES + " entries");
                }
                Set<String> seen = new HashSet<>();
                List<String> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    if (!(item instanceof String s) || !field.options().contains(s)) {
                        throw invalid(key, "option", "must contain only its options");
                    }
                    if (!seen.add(s)) {
                        throw invalid(key, "distinct", "must not repeat an option");
                    }
                    out.add(s);
                }
                yield List.copyOf(out);
            }
        };
    }

    /**
     * Parses a value from text (a CSV cell, a query parameter) and normalises it. Multi-select values are separated
     * by {@code |}; check boxes accept {@code true/false/yes/no/1/0}; dates are ISO {@code yyyy-MM-dd}; date-times are
     * ISO or {@code yyyy-MM-dd HH:mm:ss}.
     *
     * @throws CrmValidationException naming the field and the broken rule
     */
    public static Object parse(FieldDefinition field, String text) {
        String key = field.key();
        String trimmed = text.trim();
        try {
            return switch (field.type()) {
                case NUMBER -> normalize(field, new BigDecimal(trimmed));
                case DATE -> normalize(field, LocalDate.parse(trimmed));
                case DATETIME -> normalize(field, trimmed.indexOf('T') > 0
                        ? LocalDateTime.parse(trimmed) : LocalDateTime.parse(trimmed, DATETIME_TEXT));
                case CHECKBOX -> switch (trimmed.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "y" -> Boolean.TRUE;
                    case "false", "no", "0", "n" -> Boolean.FALSE;
                    default -> throw invalid(key, "type", "must be true or false");
                };
                case STAGE -> normalize(field, Long.parseLong(trimmed));
                case MULTI_SELECT -> normalize(field, trimmed.isEmpty() ? List.of()
                        : List.of(trimmed.split("\\s*\\|\\s*")));
                default -> normalize(field, text);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, "type", "must be " + describe(field.type()));
        }
    }

    /** Formats a normalised value as text, the inverse of {@link #parse}. */
    public static String format(FieldDefinition field, Object value) {
        return switch (field.type()) {
            case NUMBER -> ((BigDecimal) value).toPlainString();
            case DATETIME -> ((LocalDateTime) value).format(DATETIME_TEXT);
            case MULTI_SELECT -> String.join("|", castList(value));
            default -> String.valueOf(value);
        };
    }

    private static List<String> castList(Object value) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add((String) o);
        }
        return out;
    }

    private static String text(String key, Object value, int maxLength, boolean multiline) {
        if (!(value instanceof String s)) {
            throw invalid(key, "type", "must be text");
        }
        if (s.length() > maxLength) {
            throw invalid(key, "max_length", "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                // A lone half of a surrogate pair is not Unicode: it has no UTF-8 form, and PostgreSQL and MariaDB
                // stored it as '?' while H2 kept it.
                if (!Character.isHighSurrogate(c) || i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw invalid(key, "invalid_unicode", "must be valid Unicode text (it has an unpaired surrogate)");
                }
                i++;
            } else if (c == 0 || (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
                throw invalid(key, "control_characters", "must not contain control characters");
            }
        }
        return s;
    }

    private static BigDecimal number(String key, Object value) {
        BigDecimal n;
        if (value instanceof BigDecimal b) {
            n = b;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            n = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw invalid(key, "type", "must be a finite number");
            }
            n = BigDecimal.valueOf(d);
        } else {
            throw invalid(key, "type", "must be a number");
        }
        if (n.abs().compareTo(NUMBER_LIMIT) >= 0) {
            throw invalid(key, "range", "must be below 10^15 in absolute value");
        }
        n = n.stripTrailingZeros();
        if (n.scale() > MAX_SCALE) {
            throw invalid(key, "scale", "must have at most " + MAX_SCALE + " decimals");
        }
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    private static Object typed(String key, Object value, String what, Class<?> type) {
        if (!type.isInstance(value)) {
            throw invalid(key, "type", "must be " + what);
        }
        return value;
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case NUMBER -> "a number";
            case DATE -> "a date (yyyy-MM-dd)";
            case DATETIME -> "a date and time (yyyy-MM-dd HH:mm:ss)";
            case STAGE -> "a stage id";
            default -> "valid";
        };
    }

    private static CrmValidationException invalid(String key, String rule, String detail) {
        return new CrmValidationException(Violation.of(key, rule, detail));
    }
}
