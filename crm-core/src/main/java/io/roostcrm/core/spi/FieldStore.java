package io.roostcrm.core.spi;

import io.roostcrm.core.field.FieldDefinition;

import java.util.List;

/**
 * Custom field definitions. Standard fields are implicit and never stored here.
 *
 * <p>Defining or removing a field may change the store's schema (a column, an index). On databases whose DDL commits
 * implicitly (MySQL, MariaDB) such a change cannot be rolled back with the unit of work, so the service runs these
 * calls in a unit of work of their own.
 */
public interface FieldStore {

    /** All custom field definitions, in definition order. */
    List<FieldDefinition> all();

    /**
     * Adds a custom field with no values.
     *
     * @throws io.roostcrm.core.CrmValidationException if the key is taken (rule {@code unique}) or the store cannot hold
     *                                                this type (rule {@code unsupported_type})
     */
    void define(FieldDefinition field);

    /**
     * Replaces a definition's label, options and flags; key and type never change.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if no such custom field
     */
    void update(FieldDefinition field);

    /** Removes a custom field and all its values. A missing key is ignored. */
    void remove(String key);
}
