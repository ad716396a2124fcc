package io.roostcrm.permissions;

import java.util.Objects;

/**
 * What the engine needs to know about a field: its stable key, whether it is standard or custom, and whether it
 * is read-only for everyone but a super admin (a calculated or system field).
 *
 * @param key      the stable field key, 1 to 64 characters, no whitespace
 * @param kind     standard or custom
 * @param readOnly {@code true} if no role but super admin may set it, on create or update
 */
public record FieldDescriptor(String key, FieldKind kind, boolean readOnly) {

    /** Validates the key. */
    public FieldDescriptor {
        requireValidKey(key);
        Objects.requireNonNull(kind, "kind");
    }

    /** A standard, writable field. */
    public static FieldDescriptor standard(String key) {
        return new FieldDescriptor(key, FieldKind.STANDARD, false);
    }

    /** A custom, writable field. */
    public static FieldDescriptor custom(String key) {
        return new FieldDescriptor(key, FieldKind.CUSTOM, false);
    }

    /** This field with the read-only flag set as given. */
    public FieldDescriptor withReadOnly(boolean readOnly) {
        return new FieldDescriptor(key, kind, readOnly);
    }

    static String requireValidKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > 64) {
            throw new IllegalArgumentException("field key must be 1 to 64 characters long");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isWhitespace(key.charAt(i)) || Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("field key must not contain whitespace or control characters");
            }
        }
        return key;
    }
}
