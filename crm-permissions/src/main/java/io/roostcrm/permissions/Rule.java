package io.roostcrm.permissions;

/** The rule that decided a {@link Decision}. */
public enum Rule {
    /** Allowed: the subject holds a super-admin role. */
    SUPER_ADMIN,
    /** Allowed: a single role grants the right within its own scope. */
    ROLE_GRANT,
    /** Allowed: the note's author may always change their own note on a contact they can view. */
    NOTE_AUTHOR,
    /** Denied: the subject holds no role. */
    NO_ROLE,
    /** Denied: no such field. */
    UNKNOWN_FIELD,
    /** Denied: no role grants this right on the field. */
    MISSING_FIELD_RIGHT,
    /** Denied: the roles that grant the right do not see this contact. */
    OUT_OF_VIEW_SCOPE,
    /** Denied: the roles that grant the right may not change this contact. */
    OUT_OF_UPDATE_SCOPE,
    /** Denied: the field is read-only for everyone but a super admin. */
    READ_ONLY_FIELD,
    /** Denied: a role grants update on the field but not read, and update requires read. */
    UPDATE_WITHOUT_READ,
    /** Denied: no role may delete contacts. */
    MISSING_DELETE_RIGHT,
    /** Denied: no role may create contacts. */
    MISSING_CREATE_RIGHT,
    /** Denied: no role grants this action on notes, lists or tags. */
    MISSING_ENTITY_RIGHT,
    /** Denied: only a super admin may do this (administer fields, roles, users, stages). */
    SUPER_ADMIN_ONLY
}
