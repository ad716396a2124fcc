package io.roostcrm.store.jdbc.internal.schema;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the columns of {@code roost_contact}: the standard fields' columns (named as their keys)
 * and the custom fields' {@code cf_<n>} columns, with the custom field definitions in definition order.
 */
public final class ContactColumns {

    private static final Map<String, ContactColumn> STANDARD;

    static {
        Map<String, ContactColumn> standard = new LinkedHashMap<>();
        for (FieldDefinition field : StandardFields.all()) {
            standard.put(field.key(), new ContactColumn(field.key(), field.type(), field.key()));
        }
        STANDARD = Collections.unmodifiableMap(standard);
    }

    private final List<FieldDefinition> customFields;
    private final Map<String, ContactColumn> columns;

    /**
     * @param customFields custom field definitions in definition order, each with its column name
     */
    public ContactColumns(List<Map.Entry<FieldDefinition, String>> customFields) {
        List<FieldDefinition> definitions = new ArrayList<>();
        Map<String, ContactColumn> all = new LinkedHashMap<>(STANDARD);
        for (Map.Entry<FieldDefinition, String> entry : customFields) {
            FieldDefinition field = entry.getKey();
            definitions.add(field);
            all.put(field.key(), new ContactColumn(field.key(), field.type(), entry.getValue()));
        }
        this.customFields = List.copyOf(definitions);
        this.columns = Collections.unmodifiableMap(all);
    }

    /** The column of a field key, if the field exists. */
    public Optional<ContactColumn> find(String key) {
        return Optional.ofNullable(columns.get(key));
    }

    /** Every column, standard fields first, then custom fields in definition order. */
    public List<ContactColumn> all() {
        return List.copyOf(columns.values());
    }

    /** Every field key, in the order of {@link #all()}. */
    public List<String> keys() {
        return List.copyOf(columns.keySet());
    }

    /** The custom field definitions, in definition order. */
    public List<FieldDefinition> customFields() {
        return customFields;
    }

    /** The custom field with this key, if defined. */
    public Optional<FieldDefinition> customField(String key) {
        return customFields.stream().filter(f -> f.key().equals(key)).findFirst();
    }
}
