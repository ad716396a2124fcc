package io.roostcrm.store.fluentcrm.internal.mapping;

/**
 * What Roost keeps about a custom field in {@code roost_fields}, beside FluentCRM's definition.
 *
 * @param roostType the Roost type name when FluentCRM's type does not say it (EMAIL, URL, PHONE), or null
 * @param required  Roost's required flag
 * @param active    Roost's active flag
 * @param readOnly  Roost's read-only flag
 * @param sensitive Roost's sensitive flag
 */
public record SideFieldFlags(String roostType, boolean required, boolean active, boolean readOnly, boolean sensitive) {

    /** The flags of a field Roost has no row for: what FluentCRM's own fields behave like. */
    public static final SideFieldFlags DEFAULT = new SideFieldFlags(null, false, true, false, false);
}
