package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.permissions.FieldKind;
import io.roostcrm.store.fluentcrm.internal.php.PhpSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The custom field definitions of the {@code contact_custom_fields} row of {@code fc_meta} (schema §8.1, §8.2): a
 * PHP-serialized list of PHP arrays, in display order. Parsing is strict: a row that cannot be read, or a definition
 * Roost cannot represent, is a {@link CrmConfigurationException} naming the row id, never a silently dropped field.
 * Writing back re-serializes every definition's array with its unknown keys, so FluentCRM keeps what it wrote.
 */
public final class CustomFieldCatalog {

    /** {@code fc_meta.key} of the definitions row. */
    public static final String META_KEY = "contact_custom_fields";
    /** {@code fc_meta.object_type} of the definitions row. */
    public static final String META_OBJECT_TYPE = "option";

    private static final Logger LOG = LoggerFactory.getLogger(CustomFieldCatalog.class);
    private static final Pattern ROOST_KEY = Pattern.compile("[a-z][a-z0-9_\\-]{0,63}");

    private final Long rowId;
    private final List<FluentField> fields;
    private final Map<String, FluentField> bySlug;

    private CustomFieldCatalog(Long rowId, List<FluentField> fields) {
        this.rowId = rowId;
        this.fields = List.copyOf(fields);
        Map<String, FluentField> map = new LinkedHashMap<>();
        for (FluentField f : fields) {
            map.put(f.slug(), f);
        }
        this.bySlug = Collections.unmodifiableMap(map);
    }

    /** No definitions row yet. */
    public static CustomFieldCatalog empty() {
        return new CustomFieldCatalog(null, List.of());
    }

    /**
     * Reads the definitions row.
     *
     * @param rowId the {@code fc_meta.id}
     * @param value its {@code value} (may be null)
     * @param side  Roost's flags by slug
     * @throws CrmConfigurationException naming the row id if it cannot be read faithfully
     */
    public static CustomFieldCatalog parse(long rowId, String value, Map<String, SideFieldFlags> side) {
        if (value == null || value.isBlank()) {
            return new CustomFieldCatalog(rowId, List.of());
        }
        Object decoded;
        try {
            decoded = PhpSerializer.isSerialized(value) ? PhpSerializer.unserialize(value.trim()) : null;
            // Written through a helper that serialized twice (schema §8.5): unwrap once more.
            if (decoded instanceof String s && PhpSerializer.isSerialized(s)) {
                decoded = PhpSerializer.unserialize(s.trim());
            }
        } catch (CrmStoreException | IllegalArgumentException e) {
            throw corrupt(rowId, "is not a valid PHP-serialized array", e);
        }
        if (!(decoded instanceof Map<?, ?> array)) {
            throw corrupt(rowId, "is not a PHP-serialized array of field definitions", null);
        }
        List<Object> list = asList(array).orElseThrow(() ->
                corrupt(rowId, "is not a list of field definitions", null));
        List<FluentField> fields = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        int position = 0;
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw corrupt(rowId, "has a definition at position " + position + " that is not an array", null);
            }
            FluentField field = toField(rowId, position, copy(m), side);
            if (seen.putIfAbsent(field.slug(), Boolean.TRUE) != null) {
                // FluentCRM itself keeps the first definition of a slug and ignores later ones.
                LOG.warn("fc_meta row {} defines custom field '{}' more than once; using the first definition",
                        rowId, field.slug());
            } else {
                fields.add(field);
            }
            position++;
        }
        return new CustomFieldCatalog(rowId, fields);
    }

    private static FluentField toField(long rowId, int position, Map<Object, Object> raw,
                                       Map<String, SideFieldFlags> side) {
        Object slugValue = raw.get("slug");
        if (!(slugValue instanceof String slug) || !ROOST_KEY.matcher(slug).matches()) {
            throw corrupt(rowId, "has a definition at position " + position
                    + " whose slug is missing or not a valid field key (lower-case letters, digits, '_', '-')", null);
        }
        Object typeValue = raw.get("type");
        String fluentType = typeValue instanceof String t ? t : null;
        SideFieldFlags flags = side.getOrDefault(slug, SideFieldFlags.DEFAULT);
        FieldType type = FluentFieldTypes.toRoost(fluentType, flags.roostType()).orElseThrow(() ->
                corrupt(rowId, "defines custom field '" + slug + "' with a type Roost cannot represent", null));
        String label = raw.get("label") instanceof String l && !l.isBlank() ? l.strip() : slug;
        if (label.length() > 190) {
            label = label.substring(0, 190);
        }
        List<String> options = new ArrayList<>();
        if (type.hasOptions()) {
            Object optionValue = raw.get("options");
            if (optionValue instanceof Map<?, ?> om) {
                for (Object o : asList(om).orElseGet(() -> new ArrayList<>(om.values()))) {
                    String option = String.valueOf(o);
                    if (!options.contains(option)) {
                        options.add(option);
                    }
                }
            }
        }
        try {
            FieldDefinition definition = new FieldDefinition(slug, label, type, options, flags.required(),
                    flags.active(), flags.readOnly(), flags.sensitive(), FieldKind.CUSTOM);
            return new FluentField(raw, fluentType, definition);
        } catch (IllegalArgumentException e) {
            throw corrupt(rowId, "defines custom field '" + slug + "' in a way Roost cannot represent ("
                    + e.getMessage() + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<List<Object>> asList(Map<?, ?> array) {
        return PhpSerializer.asList((Map<Object, Object>) array);
    }

    private static Map<Object, Object> copy(Map<?, ?> m) {
        return new LinkedHashMap<>(m);
    }

    private static CrmConfigurationException corrupt(long rowId, String what, Throwable cause) {
        return new CrmConfigurationException("FluentCRM custom field definitions (fc_meta row id " + rowId + ", key '"
                + META_KEY + "') " + what + "; fix or restore that row: Roost never drops fields silently", cause);
    }

    /** The definitions row's id, if it exists. */
    public Optional<Long> rowId() {
        return Optional.ofNullable(rowId);
    }

    /** The fields, in display order. */
    public List<FluentField> fields() {
        return fields;
    }

    /** The Roost definitions, in display order. */
    public List<FieldDefinition> definitions() {
        return fields.stream().map(FluentField::definition).toList();
    }

    /** A field by slug. */
    public Optional<FluentField> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    /** The slugs. */
    public java.util.Set<String> slugs() {
        return bySlug.keySet();
    }

    /** This catalog with a field added at the end. */
    public CustomFieldCatalog plus(FluentField field) {
        List<FluentField> list = new ArrayList<>(fields);
        list.add(field);
        return new CustomFieldCatalog(rowId, list);
    }

    /** This catalog with a field replaced. */
    public CustomFieldCatalog replacing(FluentField field) {
        List<FluentField> list = new ArrayList<>();
        for (FluentField f : fields) {
            list.add(f.slug().equals(field.slug()) ? field : f);
        }
        return new CustomFieldCatalog(rowId, list);
    }

    /** This catalog without a field. */
    public CustomFieldCatalog minus(String slug) {
        return new CustomFieldCatalog(rowId, fields.stream().filter(f -> !f.slug().equals(slug)).toList());
    }

    /** This catalog with its row id known. */
    public CustomFieldCatalog withRowId(long id) {
        return new CustomFieldCatalog(id, fields);
    }

    /** The {@code fc_meta.value} FluentCRM reads: the PHP-serialized list of the definitions' arrays. */
    public String serialize() {
        List<Object> list = new ArrayList<>();
        for (FluentField f : fields) {
            list.add(f.raw());
        }
        return PhpSerializer.serialize(list);
    }

    /**
     * The PHP array FluentCRM's UI would write for a new field: {@code field_key}, {@code type}, {@code label},
     * {@code slug}, {@code options} (choice types only), {@code group}.
     */
    public static FluentField newField(FieldDefinition definition, String fluentType) {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put("field_key", FluentFieldTypes.fieldKey(fluentType));
        raw.put("type", fluentType);
        raw.put("label", definition.label());
        raw.put("slug", definition.key());
        if (definition.type().hasOptions()) {
            raw.put("options", List.copyOf(definition.options()));
        }
        raw.put("group", "default");
        return new FluentField(raw, fluentType, definition);
    }

    /** A field with a new label, options and flags; unknown keys and FluentCRM's type stay. */
    public static FluentField updated(FluentField field, FieldDefinition definition) {
        Map<Object, Object> raw = new LinkedHashMap<>(field.raw());
        raw.put("label", definition.label());
        if (definition.type().hasOptions()) {
            raw.put("options", List.copyOf(definition.options()));
        }
        return new FluentField(raw, field.fluentType(), definition);
    }
}
