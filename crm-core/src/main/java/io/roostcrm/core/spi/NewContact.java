package io.roostcrm.core.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact to insert. Values are already validated and normalised by the service.
 *
 * @param ownerId   the owner's user id, {@code 0} for unassigned
 * @param createdAt creation time (also the first update time)
 * @param values    field key to value; no null values
 */
public record NewContact(long ownerId, Instant createdAt, Map<String, Object> values) {
    /** Checks and copies. */
    public NewContact {
        Objects.requireNonNull(createdAt, "createdAt");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
