package io.roostcrm.core.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of results, and the cursor to the next page when there may be one.
 *
 * @param <T> the item type
 */
public final class Page<T> {

    private final List<T> items;
    private final String nextCursor;

    /**
     * A page.
     *
     * @param items      the items
     * @param nextCursor the cursor for the next page, or empty when this is the last
     */
    public Page(List<T> items, Optional<String> nextCursor) {
        this.items = List.copyOf(items);
        this.nextCursor = Objects.requireNonNull(nextCursor, "nextCursor").orElse(null);
    }

    /** The items on this page. */
    public List<T> items() {
        return items;
    }

    /** The cursor of the next page; empty on the last page. */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    /** Whether another page may follow. */
    public boolean hasNext() {
        return nextCursor != null;
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items" + (nextCursor == null ? "" : ", more") + "]";
    }
}
