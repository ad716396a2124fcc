package io.roostcrm.core.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change to a contact, applied only if the contact is still at {@code expectedVersion}.
 *
 * @param contactId       the contact
 * @param expectedVersion the version the caller read
 * @param set             values to set (validated); no null values
 * @param clear           fields to clear
 * @param updatedAt       the new update time
 */
public record ContactChange(long contactId, long expectedVersion, Map<String, Object> set, Set<String> clear,
                            Instant updatedAt) {
    /** Checks and copies. */
    public ContactChange {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        clear = Collections.unmodifiableSet(new LinkedHashSet<>(clear));
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
