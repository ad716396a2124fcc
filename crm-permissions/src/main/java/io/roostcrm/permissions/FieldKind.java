package io.roostcrm.permissions;

/** Whether a field is one of Roost's standard contact fields or a custom field defined by an administrator. */
public enum FieldKind {
    /** A built-in contact field such as {@code email}. */
    STANDARD,
    /** A field an administrator defined. */
    CUSTOM
}
