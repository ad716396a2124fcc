package io.roostcrm.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A change as the service hands it to {@link ChangeLogStore#append}: what it is about, what happened, and the fields
 * it changed with their values before and after. The store adds the unit of work's {@link WorkContext} and a
 * sequence number.
 *
 * @param entity    what the change is about
 * @param entityId  its id (a contact id, a role name, a field key, ...), 1 to 190 characters
 * @param contactId the contact it concerns, or {@code 0}: a contact's own id, a note's or membership's contact
 * @param operation what happened
 * @param fields    the fields it changed; for a tombstone, every value the entity had
 */
public record Change(ChangeEntity entity, String entityId, long contactId, ChangeOperation operation,
                     List<FieldChange> fields) {
    /** Checks and copies. */
    public Change {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        if (entityId.isEmpty() || entityId.length() > 190) {
            throw new IllegalArgumentException("entityId must be 1 to 190 characters");
        }
        if (contactId < 0) {
            throw new IllegalArgumentException("contactId was " + contactId + " but it must not be negative");
        }
        Objects.requireNonNull(operation, "operation");
        fields = List.copyOf(fields);
    }

    /** A change about a contact or something attached to it, with a numeric id. */
    public static Change of(ChangeEntity entity, long entityId, long contactId, ChangeOperation operation,
                            List<FieldChange> fields) {
        return new Change(entity, Long.toString(entityId), contactId, operation, fields);
    }
}
