package io.roostcrm.core.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact to insert. Values are already validated and normalised by the service.
 *
 * @param id        the id to keep with {@link IdAssignment#GIVEN} (positive); {@code 0} when the store assigns it
 * @param ownerId   the owner's user id, {@code 0} for unassigned
 * @param createdAt creation time (also the first update time)
 * @param values    field key to value; no null values
 */
public record NewContact(long id, long ownerId, Instant createdAt, Map<String, Object> values) {
    /** Checks and copies. */
    public NewContact {
        if (id < 0) {
            throw new IllegalArgumentException("id was " + id + " but it must not be negative");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A contact whose id the store assigns. */
    public NewContact(long ownerId, Instant createdAt, Map<String, Object> values) {
        this(0, ownerId, createdAt, values);
    }
}
