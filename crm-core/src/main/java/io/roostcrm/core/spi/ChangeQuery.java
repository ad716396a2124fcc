package io.roostcrm.core.spi;

import java.util.Objects;

/**
 * Which committed change-log entries to read: those after a sequence number, optionally only those about one
 * contact or one entity, ascending by sequence, at most {@code limit}. Read the next page from the last sequence
 * number returned (keyset paging).
 *
 * @param about         which entries
 * @param afterSequence only entries with a greater sequence number; {@code 0} for the first page
 * @param limit         at most this many, 1 to 10,000
 */
public record ChangeQuery(About about, long afterSequence, int limit) {

    /** The largest page a store must serve. */
    public static final int MAX_LIMIT = 10_000;

    /** Checks. */
    public ChangeQuery {
        Objects.requireNonNull(about, "about");
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence was " + afterSequence + " but it must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be 1 to " + MAX_LIMIT);
        }
    }

    /** Every entry after a sequence number. */
    public static ChangeQuery after(long afterSequence, int limit) {
        return new ChangeQuery(new Everything(), afterSequence, limit);
    }

    /** The entries about one contact: the contact itself and its notes, reminders and memberships. */
    public static ChangeQuery aboutContact(long contactId, long afterSequence, int limit) {
        return new ChangeQuery(new AboutContact(contactId), afterSequence, limit);
    }

    /** The entries about one entity. */
    public static ChangeQuery aboutEntity(ChangeEntity entity, String entityId, long afterSequence, int limit) {
        return new ChangeQuery(new AboutEntity(entity, entityId), afterSequence, limit);
    }

    /** Which entries. */
    public sealed interface About permits Everything, AboutContact, AboutEntity {
    }

    /** Every entry. */
    public record Everything() implements About {
    }

    /**
     * The entries whose {@link Change#contactId()} is this contact.
     *
     * @param contactId positive
     */
    public record AboutContact(long contactId) implements About {
        /** Checks. */
        public AboutContact {
            if (contactId < 1) {
                throw new IllegalArgumentException("contactId was " + contactId + " but it must be positive");
            }
        }
    }

    /**
     * The entries about one entity.
     *
     * @param entity   its kind
     * @param entityId its id
     */
    public record AboutEntity(ChangeEntity entity, String entityId) implements About {
        /** Checks. */
        public AboutEntity {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(entityId, "entityId");
        }
    }
}
