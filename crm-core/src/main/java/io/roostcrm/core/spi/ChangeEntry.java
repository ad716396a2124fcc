package io.roostcrm.core.spi;

import java.util.Objects;

/**
 * A committed change-log entry: its sequence number, the context of the unit of work that wrote it, and the change.
 *
 * @param sequence assigned by the store when the entry committed; positive, strictly increasing in commit order
 * @param context  who, when, from where, and the call's correlation id
 * @param change   what changed
 */
public record ChangeEntry(long sequence, WorkContext context, Change change) {
    /** Checks. */
    public ChangeEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence was " + sequence + " but it must be positive");
        }
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(change, "change");
    }
}
