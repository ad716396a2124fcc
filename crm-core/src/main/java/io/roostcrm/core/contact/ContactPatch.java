package io.roostcrm.core.contact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change to an existing contact: values to set and fields to clear, against the version the caller read. A stale
 * version fails with {@link io.roostcrm.core.StaleVersionException} and writes nothing.
 */
public final class ContactPatch {

    private final long contactId;
    private final long expectedVersion;
    private final Map<String, Object> set;
    private final Set<String> clear;

    private ContactPatch(Builder b) {
        this.contactId = b.contactId;
        this.expectedVersion = b.expectedVersion;
        this.set = Collections.unmodifiableMap(new LinkedHashMap<>(b.set));
        this.clear = Collections.unmodifiableSet(new LinkedHashSet<>(b.clear));
    }

    /** Starts a patch of a contact at the version the caller read. */
    public static Builder of(long contactId, long expectedVersion) {
        return new Builder(contactId, expectedVersion);
    }

    /** Starts a patch of the contact as read. */
    public static Builder of(Contact contact) {
        return new Builder(contact.id(), contact.version());
    }

    /** The contact to change. */
    public long contactId() {
        return contactId;
    }

    /** The version the caller read. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The values to set, by field key. */
    public Map<String, Object> set() {
        return set;
    }

    /** The fields to clear. */
    public Set<String> clear() {
        return clear;
    }

    @Override
    public String toString() {
        return "ContactPatch[id=" + contactId + ", version=" + expectedVersion + ", set=" + set.keySet()
                + ", clear=" + clear + "]";
    }

    /** Builds a {@link ContactPatch}. Not thread-safe. */
    public static final class Builder {
        private final long contactId;
        private final long expectedVersion;
        private final Map<String, Object> set = new LinkedHashMap<>();
        private final Set<String> clear = new LinkedHashSet<>();

        private Builder(long contactId, long expectedVersion) {
            this.contactId = contactId;
            this.expectedVersion = expectedVersion;
        }

        /** Sets a field. */
        public Builder set(String fieldKey, Object value) {
            Objects.requireNonNull(fieldKey, "fieldKey");
            clear.remove(fieldKey);
            set.put(fieldKey, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Clears a field. */
        public Builder clear(String fieldKey) {
            Objects.requireNonNull(fieldKey, "fieldKey");
            set.remove(fieldKey);
            clear.add(fieldKey);
            return this;
        }

        /**
         * Builds the patch.
         *
         * @throws IllegalStateException if nothing is set or cleared
         */
        public ContactPatch build() {
            if (set.isEmpty() && clear.isEmpty()) {
                throw new IllegalStateException("a patch must set or clear at least one field");
            }
            return new ContactPatch(this);
        }
    }
}
