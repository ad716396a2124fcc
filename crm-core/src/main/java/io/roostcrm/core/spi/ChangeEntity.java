package io.roostcrm.core.spi;

/** What a change-log entry is about. */
public enum ChangeEntity {
    /** A contact; entity id = contact id. */
    CONTACT,
    /** A note; entity id = note id, contact id = its contact. */
    NOTE,
    /** A reminder; entity id = reminder id, contact id = its contact. */
    REMINDER,
    /** A list; entity id = list id. */
    LIST,
    /** A tag; entity id = tag id. */
    TAG,
    /** A contact's membership in a list; entity id = list id, contact id = the contact. */
    LIST_MEMBERSHIP,
    /** A contact's membership in a tag; entity id = tag id, contact id = the contact. */
    TAG_MEMBERSHIP,
    /** A custom field definition; entity id = field key. */
    FIELD,
    /** A role; entity id = role name. */
    ROLE,
    /** A user; entity id = user id. */
    USER,
    /** A stage; entity id = stage id. */
    STAGE,
    /**
     * A refused call rather than a change to data; entity id = the operation asked for (e.g. {@code contacts.delete}),
     * contact id = the contact it was about, if one.
     */
    ACCESS,
    /**
     * An account-security event (a login, a lockout, a revoked session); entity id = the kind of event (e.g.
     * {@code login.failure}). Never carries a secret, hash, token or code.
     */
    SECURITY,
    /**
     * The audit trail itself: a retention checkpoint ({@link ChangeOperation#EVENT}, entity id {@code retention}),
     * written when older entries are purged, carrying the sequence number and hash of the last purged entry.
     */
    AUDIT,
    /**
     * A batch of a CSV import ({@link ChangeOperation#EVENT}); entity id = the batch's first row number. Fields:
     * {@code created}, {@code updated}, {@code failed} (counts). Each contact it wrote has its own entry as well.
     */
    IMPORT,
    /**
     * An export ({@link ChangeOperation#EVENT}); entity id = the format. Fields: {@code rows} (count), {@code filter}
     * (the field keys the filter names).
     */
    EXPORT
}
