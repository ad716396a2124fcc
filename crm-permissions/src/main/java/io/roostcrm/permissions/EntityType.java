package io.roostcrm.permissions;

/** Things attached to contacts whose rights are granted per role rather than per field. */
public enum EntityType {
    /** Notes on a contact. */
    NOTE,
    /** Lists, and a contact's list memberships. */
    LIST,
    /** Tags, and a contact's tags. */
    TAG,
    /**
     * The audit trail (EspoCRM's "Audit" permission). {@link EntityAction#READ} lets a user read the audit view and a
     * contact's field history, always filtered by that user's read rights and view scope at the time of reading; the
     * other actions grant nothing (the trail is written by Roost only). Super admin always holds it.
     */
    AUDIT
}
