package io.roostcrm.core.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a change-log entry: its key and its value before and after, either of which may be absent (a value
 * set where there was none, or cleared). For contacts the key is a field key (or {@code owner}); for other entities
 * it names one of their properties ({@code title}, {@code definition}, ...).
 *
 * <p>Values are of the types field values have, plus what other entities need: {@link String}, {@link BigDecimal},
 * {@link Long}, {@link Boolean}, {@link LocalDate}, {@link LocalDateTime}, {@link Instant}, and lists of strings or
 * longs. {@link ChangeCodec} writes them as text and reads them back with their types. Immutable.
 */
public final class FieldChange {

    private final String key;
    private final Object before;
    private final Object after;

    private FieldChange(String key, Object before, Object after) {
        this.key = Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        this.before = checked(before);
        this.after = checked(after);
        if (before == null && after == null) {
            throw new IllegalArgumentException("a field change needs a value before or after");
        }
    }

    /** A value where there was none. */
    public static FieldChange set(String key, Object after) {
        return new FieldChange(key, null, Objects.requireNonNull(after, "after"));
    }

    /** A value removed. */
    public static FieldChange cleared(String key, Object before) {
        return new FieldChange(key, Objects.requireNonNull(before, "before"), null);
    }

    /** A value replaced. */
    public static FieldChange changed(String key, Object before, Object after) {
        return new FieldChange(key, Objects.requireNonNull(before, "before"), Objects.requireNonNull(after, "after"));
    }

    /**
     * The change between two optional values; empty when they are equal (nothing changed; numbers compare by value).
     *
     * @param before the value before, if there was one
     * @param after  the value after, if there is one
     */
    public static Optional<FieldChange> between(String key, Optional<?> before, Optional<?> after) {
        if (same(before.orElse(null), after.orElse(null))) {
            return Optional.empty();
        }
        return Optional.of(new FieldChange(key, before.orElse(null), after.orElse(null)));
    }

    /** The field or property. */
    public String key() {
        return key;
    }

    /** The value before, if there was one. */
    public Optional<Object> before() {
        return Optional.ofNullable(before);
    }

    /** The value after, if there is one. */
    public Optional<Object> after() {
        return Optional.ofNullable(after);
    }

    private static Object checked(Object value) {
        if (value == null || value instanceof String || value instanceof BigDecimal || value instanceof Long
                || value instanceof Boolean || value instanceof LocalDate || value instanceof LocalDateTime
                || value instanceof Instant) {
            return value;
        }
        if (value instanceof List<?> list) {
            boolean strings = list.stream().allMatch(String.class::isInstance);
            boolean longs = list.stream().allMatch(Long.class::isInstance);
            if (strings || longs) {
                return List.copyOf(list);
            }
        }
        throw new IllegalArgumentException("a change-log value cannot be a " + value.getClass().getName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldChange other && key.equals(other.key) && same(before, other.before)
                && same(after, other.after);
    }

    /** Numbers compare by value: a store may give back {@code 1.50} for {@code 1.5}. */
    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** Names the key only: values may be personal data and must not reach logs through a {@code toString()}. */
    @Override
    public String toString() {
        return "FieldChange[" + key + "]";
    }
}
