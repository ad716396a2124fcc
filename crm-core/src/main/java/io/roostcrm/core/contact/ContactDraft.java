package io.roostcrm.core.contact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values for a new contact. Every named field must be one the creator may set; values are validated against
 * their field types when the draft is submitted.
 */
public final class ContactDraft {

    private final Map<String, Object> values;

    private ContactDraft(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A draft of these values. */
    public static ContactDraft of(Map<String, ?> values) {
        Builder b = builder();
        values.forEach(b::set);
        return b.build();
    }

    /** Starts an empty draft. */
    public static Builder builder() {
        return new Builder();
    }

    /** The values, by field key. */
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "ContactDraft" + values.keySet();
    }

    /** Builds a {@link ContactDraft}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets a field. */
        public Builder set(String fieldKey, Object value) {
            values.put(Objects.requireNonNull(fieldKey, "fieldKey"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Builds the draft. */
        public ContactDraft build() {
            return new ContactDraft(values);
        }
    }
}
