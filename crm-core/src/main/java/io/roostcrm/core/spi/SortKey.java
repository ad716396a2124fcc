package io.roostcrm.core.spi;

import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.permissions.ScopePredicate;

import java.util.Objects;

/**
 * A sort key as a store receives it: the field, the direction, and the mask: on rows outside {@code mask} the value
 * counts as absent. Absent values sort after every value ascending and before every value descending (as if
 * greatest). After all keys, rows are ordered by id ascending.
 *
 * @param field     the field key
 * @param direction ascending or descending
 * @param mask      rows on which the value is used
 */
public record SortKey(String field, Direction direction, ScopePredicate mask) {
    /** Checks the components. */
    public SortKey {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mask, "mask");
    }
}
