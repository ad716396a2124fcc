package io.roostcrm.permissions;

/**
 * A role's rights on one field: set it when creating a contact, read it, update it on an existing contact.
 * The four common patterns are constants.
 *
 * @param create may set the field when creating a contact
 * @param read   may see the field
 * @param update may change the field on an existing contact (useful only together with {@code read})
 */
public record FieldRights(boolean create, boolean read, boolean update) {

    /** Create, read and update. */
    public static final FieldRights FULL = new FieldRights(true, true, true);
    /** Read only. */
    public static final FieldRights READ_ONLY = new FieldRights(false, true, false);
    /** Set once on create, then read only. */
    public static final FieldRights CREATE_ONCE = new FieldRights(true, true, false);
    /** Hidden: no right at all. */
    public static final FieldRights NONE = new FieldRights(false, false, false);

    /** Whether this grants nothing. */
    public boolean isNone() {
        return !create && !read && !update;
    }
}
