package io.roostcrm.permissions;

/** A contact or field action that {@link Policy#explain(Action, Ownership, String)} can explain. */
public enum Action {
    /** See a contact at all. */
    VIEW_CONTACT,
    /** Create a contact. */
    CREATE_CONTACT,
    /** Change a contact (its owner, stage, memberships). */
    UPDATE_CONTACT,
    /** Delete a contact. */
    DELETE_CONTACT,
    /** Read one field of a contact. */
    READ_FIELD,
    /** Set one field when creating a contact. */
    CREATE_FIELD,
    /** Change one field of an existing contact. */
    UPDATE_FIELD;

    boolean needsField() {
        return this == READ_FIELD || this == CREATE_FIELD || this == UPDATE_FIELD;
    }
}
