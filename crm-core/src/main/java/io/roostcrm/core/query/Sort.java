package io.roostcrm.core.query;

import java.util.Objects;

/**
 * One sort key. Contacts without a value for the field (or whose value the caller may not read) sort after all
 * values in ascending order and before them in descending order; ties are broken by contact id, ascending.
 *
 * @param field     the field key
 * @param direction ascending or descending
 */
public record Sort(String field, Direction direction) {

    /** Sort direction. */
    public enum Direction {
        /** Smallest first. */
        ASC,
        /** Largest first. */
        DESC
    }

    /** Checks the components. */
    public Sort {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }

    /** Ascending by a field. */
    public static Sort asc(String field) {
        return new Sort(field, Direction.ASC);
    }

    /** Descending by a field. */
    public static Sort desc(String field) {
        return new Sort(field, Direction.DESC);
    }
}
