package io.roostcrm.core.audit;

import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ChangeQuery;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which audit entries to read: optionally only those about one contact, by one actor, of some entities and operations
 * (the action), in a time range, or touching some fields; ascending by sequence number after {@code afterSequence}
 * (keyset paging: pass the {@link AuditPage#nextAfter()} of the page before), at most {@code limit}. Build with
 * {@link #all()} and the {@code withX} methods. Immutable.
 *
 * @param contactId     only entries about this contact, or {@code 0} for any
 * @param actorId       only entries by this user ({@code 0}: the system), or {@link #ANY_ACTOR}
 * @param entities      only entries about these kinds of entity; empty for any
 * @param operations    only entries with these operations; empty for any
 * @param from          only entries at or after this time ({@link Instant#MIN}: no bound)
 * @param to            only entries before this time ({@link Instant#MAX}: no bound)
 * @param fields        only entries that change one of these field keys; empty for any. Naming a field the reader
 *                      cannot read is refused as an unknown field.
 * @param afterSequence only entries with a greater sequence number
 * @param limit         at most this many entries read from the trail per page, 1 to {@link ChangeQuery#MAX_LIMIT}
 */
public record AuditQuery(long contactId, long actorId, Set<ChangeEntity> entities, Set<ChangeOperation> operations,
                         Instant from, Instant to, Set<String> fields, long afterSequence, int limit) {

    /** {@link #actorId()} for entries by anyone. */
    public static final long ANY_ACTOR = -1;

    /** Checks and copies. */
    public AuditQuery {
        if (contactId < 0) {
            throw new IllegalArgumentException("contactId was " + contactId + " but it must not be negative");
        }
        if (actorId < ANY_ACTOR) {
            throw new IllegalArgumentException("actorId was " + actorId + " but it must be -1 (any) or more");
        }
        entities = Set.copyOf(entities);
        operations = Set.copyOf(operations);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        fields = Set.copyOf(fields);
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence was " + afterSequence + " but it must not be negative");
        }
        if (limit < 1 || limit > ChangeQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be 1 to " + ChangeQuery.MAX_LIMIT);
        }
    }

    /** Every entry, first page of 100. */
    public static AuditQuery all() {
        return new AuditQuery(0, ANY_ACTOR, Set.of(), Set.of(), Instant.MIN, Instant.MAX, Set.of(), 0, 100);
    }

    /** Only entries about this contact (its own, its notes', reminders' and memberships'). */
    public AuditQuery withContact(long id) {
        return new AuditQuery(id, actorId, entities, operations, from, to, fields, afterSequence, limit);
    }

    /** Only entries by this user ({@code 0}: the system). */
    public AuditQuery withActor(long id) {
        return new AuditQuery(contactId, id, entities, operations, from, to, fields, afterSequence, limit);
    }

    /** Only entries about these entities with these operations (either set empty: any). */
    public AuditQuery withAction(Set<ChangeEntity> about, Set<ChangeOperation> what) {
        return new AuditQuery(contactId, actorId, about, what, from, to, fields, afterSequence, limit);
    }

    /** Only entries in {@code [start, end)}. */
    public AuditQuery withTime(Instant start, Instant end) {
        return new AuditQuery(contactId, actorId, entities, operations, start, end, fields, afterSequence, limit);
    }

    /** Only entries that change one of these fields. */
    public AuditQuery withFields(Set<String> keys) {
        return new AuditQuery(contactId, actorId, entities, operations, from, to, keys, afterSequence, limit);
    }

    /** The page after this sequence number, of at most {@code size} entries. */
    public AuditQuery page(long after, int size) {
        return new AuditQuery(contactId, actorId, entities, operations, from, to, fields, after, size);
    }

    /** Whether a stored entry's columns match (everything but {@link #fields()}, which the service checks). */
    public boolean matches(long sequence, Instant time, long actor, ChangeEntity entity, ChangeOperation operation,
                           long contact) {
        return sequence > afterSequence && (contactId == 0 || contact == contactId)
                && (actorId == ANY_ACTOR || actor == actorId)
                && (entities.isEmpty() || entities.contains(entity))
                && (operations.isEmpty() || operations.contains(operation))
                && !time.isBefore(from) && time.isBefore(to);
    }
}
