package io.roostcrm.permissions;

/** Things attached to contacts whose rights are granted per role rather than per field. */
public enum EntityType {
    /** Notes on a contact. */
    NOTE,
    /** Lists, and a contact's list memberships. */
    LIST,
    /** Tags, and a contact's tags. */
    TAG
}
