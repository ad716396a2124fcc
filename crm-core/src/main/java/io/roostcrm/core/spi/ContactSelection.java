package io.roostcrm.core.spi;

import io.roostcrm.core.query.Filter;
import io.roostcrm.permissions.ScopePredicate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A contact query as a store receives it. The store returns, in one statement, at most {@code limit} rows that
 * match {@code scope} and {@code filter}, ordered by {@code sort} then id, strictly after {@code after}; for each row
 * it returns the value of a projected field only when the row matches that field's mask and the value is set. It
 * returns no row outside {@code scope} and no field outside {@code projection}.
 *
 * @param scope      the rows the caller may see at all
 * @param projection field key to the mask of rows on which its value is returned; iteration order is field order
 * @param filter     the condition (already checked and guarded by the service)
 * @param sort       sort keys before the final id key
 * @param after      keyset position; {@link Keyset#start()} for the first page
 * @param limit      maximum rows, at least 1
 */
public record ContactSelection(ScopePredicate scope, Map<String, ScopePredicate> projection, Filter filter,
                               List<SortKey> sort, Keyset after, int limit) {
    /** Checks and copies. */
    public ContactSelection {
        Objects.requireNonNull(scope, "scope");
        projection = Collections.unmodifiableMap(new LinkedHashMap<>(projection));
        Objects.requireNonNull(filter, "filter");
        sort = List.copyOf(sort);
        Objects.requireNonNull(after, "after");
        if (!after.isStart() && after.values().size() != sort.size()) {
            throw new IllegalArgumentException("after must carry one value per sort key");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** Every field unmasked over all rows: what an administrator or the store's own tests ask for. */
    public static ContactSelection everything(List<String> fieldKeys, Filter filter, int limit) {
        Map<String, ScopePredicate> projection = new LinkedHashMap<>();
        fieldKeys.forEach(k -> projection.put(k, ScopePredicate.all()));
        return new ContactSelection(ScopePredicate.all(), projection, filter, List.of(), Keyset.start(), limit);
    }
}
