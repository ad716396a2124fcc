package io.roostcrm.core.field;

import io.roostcrm.permissions.FieldDescriptor;
import io.roostcrm.permissions.FieldKind;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A field: a standard contact field or a custom field an administrator defined.
 *
 * @param key       stable key: lower-case letters, digits, {@code _} and {@code -}, starting with a letter, at most 64
 * @param label     display label, 1 to 190 characters
 * @param type      value type; immutable once defined
 * @param options   the allowed values for {@link FieldType#SELECT} and {@link FieldType#MULTI_SELECT}, distinct;
 *                  empty for other types
 * @param required  a contact must have a value
 * @param active    inactive fields are hidden from everyone and reject writes, but keep their values
 * @param readOnly  no role but super admin may set the field
 * @param sensitive the value is encrypted at rest where the store supports it
 * @param kind      standard or custom
 */
public record FieldDefinition(String key, String label, FieldType type, List<String> options, boolean required,
                              boolean active, boolean readOnly, boolean sensitive, FieldKind kind) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_\\-]{0,63}");

    /** Validates and copies. */
    public FieldDefinition {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key must be lower-case letters, digits, '_' or '-', start with a letter"
                    + " and be at most 64 characters");
        }
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > 190) {
            throw new IllegalArgumentException("field '" + key + "': label must be 1 to 190 characters");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        options = List.copyOf(Objects.requireNonNull(options, "options"));
        if (type.hasOptions()) {
            if (options.isEmpty()) {
                throw new IllegalArgumentException("field '" + key + "': a " + type + " field needs at least one option");
            }
            Set<String> seen = new HashSet<>();
            for (String option : options) {
                if (option.isBlank() || option.length() > type.maxLength()) {
                    throw new IllegalArgumentException("field '" + key + "': options must be 1 to " + type.maxLength()
                            + " characters");
                }
                if (!seen.add(option)) {
                    throw new IllegalArgumentException("field '" + key + "': options must be distinct");
                }
            }
        } else if (!options.isEmpty()) {
            throw new IllegalArgumentException("field '" + key + "': only SELECT and MULTI_SELECT fields have options");
        }
        if (kind == FieldKind.CUSTOM && !type.allowedForCustomFields()) {
            throw new IllegalArgumentException("field '" + key + "': custom fields cannot have type " + type);
        }
    }

    /** Starts a custom field definition (active, optional, writable, not sensitive). */
    public static Builder custom(String key, FieldType type) {
        return new Builder(key, type);
    }

    /** Whether this is a custom field. */
    public boolean isCustom() {
        return kind == FieldKind.CUSTOM;
    }

    /** What the permission engine needs to know of this field. */
    public FieldDescriptor descriptor() {
        return new FieldDescriptor(key, kind, readOnly);
    }

    /** This definition with another label. */
    public FieldDefinition withLabel(String label) {
        return new FieldDefinition(key, label, type, options, required, active, readOnly, sensitive, kind);
    }

    /** This definition with other options. */
    public FieldDefinition withOptions(List<String> options) {
        return new FieldDefinition(key, label, type, options, required, active, readOnly, sensitive, kind);
    }

    /** This definition with the flags changed. */
    public FieldDefinition withFlags(boolean required, boolean active, boolean readOnly, boolean sensitive) {
        return new FieldDefinition(key, label, type, options, required, active, readOnly, sensitive, kind);
    }

    /** Builds a custom {@link FieldDefinition}. Not thread-safe. */
    public static final class Builder {
        private final String key;
        private final FieldType type;
        private String label;
        private List<String> options = List.of();
        private boolean required;
        private boolean active = true;
        private boolean readOnly;
        private boolean sensitive;

        private Builder(String key, FieldType type) {
            this.key = Objects.requireNonNull(key, "key");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Display label; defaults to the key. */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Options for select fields. */
        public Builder options(String... options) {
            this.options = List.of(options);
            return this;
        }

        /** Options for select fields. */
        public Builder options(List<String> options) {
            this.options = List.copyOf(options);
            return this;
        }

        /** Whether a value is required. Default {@code false}. */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** Whether the field is active. Default {@code true}. */
        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        /** Whether only super admins may set the field. Default {@code false}. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Whether the value is encrypted at rest. Default {@code false}. */
        public Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /** Builds and validates the definition. */
        public FieldDefinition build() {
            return new FieldDefinition(key, label == null ? key : label, type, options, required, active, readOnly,
                    sensitive, FieldKind.CUSTOM);
        }
    }
}
