package io.roostcrm.core.spi;

import io.roostcrm.core.field.FieldValueMap;

import java.util.Map;
import java.util.Objects;

/**
 * What a contact write replaced: the contact's new version, and its owner and the values of exactly the fields the
 * write changed, as they were before it. The values are unmasked: the service keeps them inside the unit of work
 * (for the change log) and never hands them to a caller who may not read them.
 *
 * @param newVersion      the version after the write
 * @param previousOwnerId the owner before the write, {@code 0} when it was unassigned
 * @param previousValues  field key to the value it had before, for each changed field that had one; a changed field
 *                        absent here had no value
 */
public record ContactReplaced(long newVersion, long previousOwnerId, Map<String, Object> previousValues) {
    /** Checks and copies. */
    public ContactReplaced {
        if (newVersion < 2) {
            throw new IllegalArgumentException("newVersion was " + newVersion + " but a write makes it at least 2");
        }
        if (previousOwnerId < 0) {
            throw new IllegalArgumentException("previousOwnerId was " + previousOwnerId + " but it must not be negative");
        }
        previousValues = FieldValueMap.copyOf(Objects.requireNonNull(previousValues, "previousValues"));
    }
}
