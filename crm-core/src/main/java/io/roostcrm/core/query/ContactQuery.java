package io.roostcrm.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks for when listing contacts: a filter, a sort, a page size and, for later pages, the cursor of the
 * previous page. Build with {@link #builder()}.
 */
public final class ContactQuery {

    /** The largest page size. */
    public static final int MAX_PAGE_SIZE = 1_000;

    private final Filter filter;
    private final List<Sort> sort;
    private final int pageSize;
    private final String cursor;

    private ContactQuery(Builder b) {
        this.filter = b.filter;
        this.sort = List.copyOf(b.sort);
        this.pageSize = b.pageSize;
        this.cursor = b.cursor;
    }

    /** Starts a query: all contacts, by id, 50 a page. */
    public static Builder builder() {
        return new Builder();
    }

    /** All contacts, by id, 50 a page. */
    public static ContactQuery all() {
        return builder().build();
    }

    /** The filter. */
    public Filter filter() {
        return filter;
    }

    /** The sort keys, before the implicit final key (contact id, ascending). */
    public List<Sort> sort() {
        return sort;
    }

    /** How many contacts a page holds. */
    public int pageSize() {
        return pageSize;
    }

    /** The cursor of the page to continue after, if any. */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** The same query continuing after the given page's cursor. */
    public ContactQuery after(String cursor) {
        return new Builder().filter(filter).sort(sort).pageSize(pageSize).after(cursor).build();
    }

    /** Builds a {@link ContactQuery}. Not thread-safe. */
    public static final class Builder {
        private Filter filter = Filter.all();
        private final List<Sort> sort = new ArrayList<>();
        private int pageSize = 50;
        private String cursor;

        private Builder() {
        }

        /** The filter; default all contacts. */
        public Builder filter(Filter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** Adds sort keys. */
        public Builder sort(Sort... keys) {
            return sort(List.of(keys));
        }

        /** Adds sort keys. */
        public Builder sort(List<Sort> keys) {
            for (Sort key : keys) {
                sort.add(Objects.requireNonNull(key, "sort"));
            }
            return this;
        }

        /** Page size, 1 to {@value #MAX_PAGE_SIZE}; default 50. */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("pageSize was " + pageSize + " but it must be 1 to " + MAX_PAGE_SIZE);
            }
            this.pageSize = pageSize;
            return this;
        }

        /** Continue after the page that returned this cursor. */
        public Builder after(String cursor) {
            this.cursor = Objects.requireNonNull(cursor, "cursor");
            return this;
        }

        /**
         * Builds the query.
         *
         * @throws IllegalStateException if a field is sorted on twice
         */
        public ContactQuery build() {
            if (sort.stream().map(Sort::field).distinct().count() != sort.size()) {
                throw new IllegalStateException("sort names a field more than once");
            }
            if (sort.size() > 5) {
                throw new IllegalStateException("sort was " + sort.size() + " keys but it must be at most 5");
            }
            return new ContactQuery(this);
        }
    }
}
