package io.roostcrm.core.spi;

import io.roostcrm.core.field.FieldValueMap;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A contact as a store returns it: identity, version, owner, timestamps, and the values of the projected fields
 * that are set and unmasked on this row. Absent keys mean "no value or not returned".
 *
 * @param id        the id
 * @param version   the optimistic-lock version, 1 after insert, +1 on every change
 * @param ownerId   the owner's user id, {@code 0} when unassigned
 * @param createdAt creation time
 * @param updatedAt last change time
 * @param values    field key to value of the field type's Java type; no null values. A {@link FieldValueMap} is kept
 *                  as given, any other map is copied into one
 */
public record ContactRow(long id, long version, long ownerId, Instant createdAt, Instant updatedAt,
                         Map<String, Object> values) {
    /** Checks, and makes {@code values} immutable. */
    public ContactRow {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        values = FieldValueMap.copyOf(values);
    }
}
