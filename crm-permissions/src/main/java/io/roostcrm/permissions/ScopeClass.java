package io.roostcrm.permissions;

/**
 * Where a contact sits relative to the user asking. Every contact falls in exactly one class, and the
 * readable, updatable and deletable sets of a policy are fixed per class, so the rows of one page can
 * differ only by class.
 */
public enum ScopeClass {
    /** Owned by the user, or unassigned. */
    OWN,
    /** Owned by someone who shares a team with the user. */
    TEAM,
    /** Owned by anyone else. */
    OTHER
}
