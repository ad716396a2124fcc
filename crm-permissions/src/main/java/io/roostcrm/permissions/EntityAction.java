package io.roostcrm.permissions;

/**
 * An action on an {@link EntityType}. On a contact, {@link #CREATE} and {@link #READ} need the contact in the
 * role's view scope; {@link #UPDATE} and {@link #DELETE} need it in the role's update scope.
 */
public enum EntityAction {
    /** Create (a note on a contact; a list or tag). */
    CREATE,
    /** See. */
    READ,
    /** Change (a note; a list or tag; a contact's memberships: adding and removing it from a list or tag). */
    UPDATE,
    /** Delete (a note; a list or tag). */
    DELETE;

    boolean needsUpdateScope() {
        return this == UPDATE || this == DELETE;
    }
}
