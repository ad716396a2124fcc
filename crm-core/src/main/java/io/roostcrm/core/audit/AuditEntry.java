package io.roostcrm.core.audit;

import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.FieldChange;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the audit view, as its reader may see it: fields the reader cannot read now are absent, old and new
 * values alike.
 *
 * @param sequence      its place in the trail
 * @param time          when
 * @param actorId       who: a user id, or {@code 0} for the system
 * @param clientAddress the client's address, or {@code ""} when unknown
 * @param correlationId the call it belongs to
 * @param entity        what it is about
 * @param entityId      its id (contact id, role name, field key, event kind, ...)
 * @param contactId     the contact concerned, or {@code 0}
 * @param operation     what happened
 * @param fields        the changed fields the reader may read, with values before and after
 */
public record AuditEntry(long sequence, Instant time, long actorId, String clientAddress, String correlationId,
                         ChangeEntity entity, String entityId, long contactId, ChangeOperation operation,
                         List<FieldChange> fields) {
    /** Checks and copies. */
    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(operation, "operation");
        fields = List.copyOf(fields);
    }
}
