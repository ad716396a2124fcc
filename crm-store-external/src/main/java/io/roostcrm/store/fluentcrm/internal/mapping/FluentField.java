package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.field.FieldDefinition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One custom field definition as FluentCRM stores it, with its Roost view.
 *
 * @param raw        the definition's PHP array exactly as read (keys Roost does not know are written back unchanged)
 * @param fluentType FluentCRM's stored type ({@code radio} and {@code checkbox} stay as they are)
 * @param definition the Roost definition, with the flags from {@code roost_fields}
 */
public record FluentField(Map<Object, Object> raw, String fluentType, FieldDefinition definition) {
    /** Copies the raw map, keeping its order. */
    public FluentField {
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /** The slug: FluentCRM's key of the field, Roost's field key. */
    public String slug() {
        return definition.key();
    }
}
