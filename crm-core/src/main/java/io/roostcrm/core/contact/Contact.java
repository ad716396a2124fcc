package io.roostcrm.core.contact;

import io.roostcrm.core.field.FieldValueMap;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A contact as one caller may see it: its identity, version, owner and timestamps, and the values of exactly the
 * fields the caller may read on it. A field the caller may not read is <em>absent</em> (not null); so is a field with
 * no value.
 */
public final class Contact {

    private final long id;
    private final long version;
    private final long ownerId;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Map<String, Object> values;

    /**
     * A contact.
     *
     * @param id        the id
     * @param version   the version, for optimistic updates
     * @param ownerId   the owner's user id, or {@code 0} when unassigned
     * @param createdAt when it was created
     * @param updatedAt when it last changed
     * @param values    field key to value, of the field types' Java types; no null values. A {@link FieldValueMap}
     *                  is kept as given, any other map is copied into one
     */
    public Contact(long id, long version, long ownerId, Instant createdAt, Instant updatedAt, Map<String, Object> values) {
        this.id = id;
        this.version = version;
        this.ownerId = ownerId;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.values = FieldValueMap.copyOf(values);
    }

    /** The contact's id. */
    public long id() {
        return id;
    }

    /** The version to pass back when updating. */
    public long version() {
        return version;
    }

    /** The owner's user id, or empty when the contact is unassigned. */
    public OptionalLong owner() {
        return ownerId == 0 ? OptionalLong.empty() : OptionalLong.of(ownerId);
    }

    /** When the contact was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** When the contact last changed. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The readable fields that have a value, by key, in field order. */
    public Map<String, Object> values() {
        return values;
    }

    /** A field's value, if the field is readable and has one. */
    public Optional<Object> find(String fieldKey) {
        return Optional.ofNullable(values.get(fieldKey));
    }

    /** A text field's value, if readable and set. */
    public Optional<String> text(String fieldKey) {
        return find(fieldKey).map(String.class::cast);
    }

    /** Whether the field is readable and has a value. */
    public boolean has(String fieldKey) {
        return values.containsKey(fieldKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Contact c && id == c.id && version == c.version && ownerId == c.ownerId
                && createdAt.equals(c.createdAt) && updatedAt.equals(c.updatedAt) && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, ownerId, values);
    }

    @Override
    public String toString() {
        // Keys only: values may be personal data and do not belong in logs.
        return "Contact[id=" + id + ", version=" + version + ", owner=" + ownerId + ", fields=" + values.keySet() + "]";
    }
}
