package io.roostcrm.core.spi;

/** What happened to the entity of a change-log entry. */
public enum ChangeOperation {
    /** It was created (a membership: the contact was added). */
    CREATE,
    /** It was changed. */
    UPDATE,
    /** It was deleted (a membership: the contact was removed); the entry is its tombstone. */
    DELETE,
    /** A call about it was refused ({@link ChangeEntity#ACCESS}); nothing changed. */
    REFUSE,
    /** A security event happened ({@link ChangeEntity#SECURITY}): what it was is in the entity id and fields. */
    EVENT
}
