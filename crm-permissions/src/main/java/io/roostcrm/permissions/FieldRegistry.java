package io.roostcrm.permissions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields the engine decides over, in a fixed order that gives each field a dense index. Immutable: changing
 * the fields gives a new registry, and a {@link PermissionEngine} given a new registry recompiles every policy.
 *
 * <p>Two registries are equal when they hold equal descriptors in the same order.
 */
public final class FieldRegistry {

    private final List<FieldDescriptor> fields;
    private final Map<String, Integer> indexByKey;
    private final int hash;

    private FieldRegistry(List<FieldDescriptor> fields) {
        this.fields = List.copyOf(fields);
        this.indexByKey = new HashMap<>(fields.size() * 2);
        for (int i = 0; i < this.fields.size(); i++) {
            FieldDescriptor field = this.fields.get(i);
            if (indexByKey.putIfAbsent(field.key(), i) != null) {
                throw new IllegalArgumentException("fields contains duplicate key '" + field.key() + "'");
            }
        }
        this.hash = this.fields.hashCode();
    }

    /**
     * A registry of the given fields, in iteration order.
     *
     * @throws IllegalArgumentException if two fields share a key
     */
    public static FieldRegistry of(Collection<FieldDescriptor> fields) {
        Objects.requireNonNull(fields, "fields");
        return new FieldRegistry(new ArrayList<>(fields));
    }

    /** A registry of the given fields, in order. */
    public static FieldRegistry of(FieldDescriptor... fields) {
        return of(List.of(fields));
    }

    /** The fields, in index order. */
    public List<FieldDescriptor> fields() {
        return fields;
    }

    /** How many fields there are. */
    public int size() {
        return fields.size();
    }

    /** The field with this key, if any. */
    public Optional<FieldDescriptor> find(String key) {
        int index = indexOf(key);
        return index < 0 ? Optional.empty() : Optional.of(fields.get(index));
    }

    /** Whether a field has this key. */
    public boolean contains(String key) {
        return indexOf(key) >= 0;
    }

    /** The dense index of the field with this key, or {@code -1} if there is none. */
    public int indexOf(String key) {
        Integer index = indexByKey.get(key);
        return index == null ? -1 : index;
    }

    /** The field at a dense index. */
    public FieldDescriptor get(int index) {
        return fields.get(index);
    }

    /** A registry with this field added at the end, or replacing the field with the same key in place. */
    public FieldRegistry with(FieldDescriptor field) {
        Objects.requireNonNull(field, "field");
        List<FieldDescriptor> copy = new ArrayList<>(fields);
        int index = indexOf(field.key());
        if (index >= 0) {
            copy.set(index, field);
        } else {
            copy.add(field);
        }
        return new FieldRegistry(copy);
    }

    /** A registry without the field of this key (the same registry if there is none). */
    public FieldRegistry without(String key) {
        int index = indexOf(key);
        if (index < 0) {
            return this;
        }
        List<FieldDescriptor> copy = new ArrayList<>(fields);
        copy.remove(index);
        return new FieldRegistry(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof FieldRegistry other && hash == other.hash && fields.equals(other.fields));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "FieldRegistry" + fields.stream().map(FieldDescriptor::key).toList();
    }
}
