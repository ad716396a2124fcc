package io.roostcrm.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a page starts: strictly after the row whose sort values (masked, as the row was returned) and id are these.
 * {@link #start()} is the beginning.
 *
 * @param values the previous row's value for each sort key, {@code null} where it was absent; one per sort key
 * @param id     the previous row's id; {@code 0} with no values for the first page
 */
public record Keyset(List<Object> values, long id) {

    private static final Keyset START = new Keyset(List.of(), 0);

    /** Copies the values (which may contain nulls). */
    public Keyset {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The first page. */
    public static Keyset start() {
        return START;
    }

    /** Whether this is the first page. */
    public boolean isStart() {
        return id == 0 && values.isEmpty();
    }
}
