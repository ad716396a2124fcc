package io.roostcrm.core.internal;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.FieldDescriptor;
import io.roostcrm.permissions.FieldRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a CRM decides over at one moment: the standard fields, then the active custom fields, and the engine's
 * registry built from exactly these. Immutable; the runtime swaps in a new catalog when an administrator changes
 * fields. Inactive custom fields are absent: hidden from everyone, exactly like fields that do not exist.
 */
final class FieldCatalog {

    private final List<FieldDefinition> fields;
    private final Map<String, FieldDefinition> byKey;
    private final FieldRegistry registry;

    private FieldCatalog(List<FieldDefinition> fields) {
        this.fields = List.copyOf(fields);
        this.byKey = new LinkedHashMap<>();
        List<FieldDescriptor> descriptors = new ArrayList<>(fields.size());
        for (FieldDefinition field : this.fields) {
            byKey.put(field.key(), field);
            descriptors.add(field.descriptor());
        }
        this.registry = FieldRegistry.of(descriptors);
    }

    /** Standard fields plus the active ones of these custom fields, in definition order. */
    static FieldCatalog of(List<FieldDefinition> customFields) {
        List<FieldDefinition> all = new ArrayList<>(StandardFields.all());
        for (FieldDefinition field : customFields) {
            if (field.active() && field.isCustom() && !StandardFields.isStandard(field.key())) {
                all.add(field);
            }
        }
        return new FieldCatalog(all);
    }

    List<FieldDefinition> fields() {
        return fields;
    }

    /** The definition of a key, or {@code null} for an unknown or inactive field. */
    FieldDefinition find(String key) {
        return byKey.get(key);
    }

    FieldRegistry registry() {
        return registry;
    }
}
