package io.roostcrm.core.field;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * An immutable map of field key to value that keeps the order its entries were added in. Neither keys nor values
 * may be null, and a key appears once.
 *
 * <p>{@link io.roostcrm.core.contact.Contact} and {@link io.roostcrm.core.spi.ContactRow} keep a map of this type
 * as given and copy any other map into one. A store that builds each row's values with {@link #builder(int)}
 * therefore hands them to the caller with no copy on the way, which is what keeps a page of contacts close to the
 * cost of the SQL that read it.
 */
public final class FieldValueMap extends AbstractMap<String, Object> {

    private static final FieldValueMap EMPTY = new FieldValueMap(new String[0], new Object[0], 0, new int[1]);

    private final String[] keys;
    private final Object[] values;
    private final int size;
    // Open addressing: slot holds entry index + 1, 0 is free. The length is a power of two at least twice the size,
    // so a probe ends at a free slot.
    private final int[] slots;
    private Set<Map.Entry<String, Object>> entrySet;

    private FieldValueMap(String[] keys, Object[] values, int size, int[] slots) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.slots = slots;
    }

    /** The empty map. */
    public static FieldValueMap of() {
        return EMPTY;
    }

    /**
     * The map itself if it is a {@code FieldValueMap}, else a copy in the map's iteration order.
     *
     * @throws NullPointerException     if a key or value is null, naming the key
     */
    public static FieldValueMap copyOf(Map<String, ?> map) {
        if (map instanceof FieldValueMap same) {
            return same;
        }
        Builder builder = builder(map.size());
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            builder.put(entry.getKey(), entry.getValue());
        }
        return builder.build();
    }

    /** A builder sized for about {@code expectedSize} entries (it grows if more are added). */
    public static Builder builder(int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize must be >= 0, was " + expectedSize);
        }
        return new Builder(expectedSize);
    }

    /**
     * The entries whose key passes {@code keep}, in order; this map itself when every key passes, so that filtering
     * a row no caller-visible field is missing from costs no allocation.
     */
    public FieldValueMap filterKeys(Predicate<? super String> keep) {
        int first = 0;
        while (first < size && keep.test(keys[first])) {
            first++;
        }
        if (first == size) {
            return this;
        }
        Builder builder = new Builder(size - 1);
        for (int i = 0; i < first; i++) {
            builder.append(keys[i], values[i]);
        }
        for (int i = first + 1; i < size; i++) {
            if (keep.test(keys[i])) {
                builder.append(keys[i], values[i]);
            }
        }
        return builder.build();
    }

    private int indexOf(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if (key.equals(keys[entry - 1])) {
                return entry - 1;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Set<Map.Entry<String, Object>> view = entrySet;
        if (view == null) {
            view = new Entries();
            entrySet = view;
        }
        return view;
    }

    private final class Entries extends AbstractSet<Map.Entry<String, Object>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> entry)) {
                return false;
            }
            int i = indexOf(entry.getKey());
            return i >= 0 && values[i].equals(entry.getValue());
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, Object> next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    int i = next++;
                    return new SimpleImmutableEntry<>(keys[i], values[i]);
                }
            };
        }
    }

    /** Collects entries in order; {@link #build()} checks that keys are unique. Not thread-safe; use once. */
    public static final class Builder {
        private String[] keys;
        private Object[] values;
        private int size;
        private boolean built;

        private Builder(int expectedSize) {
            keys = new String[Math.max(expectedSize, 1)];
            values = new Object[keys.length];
        }

        /**
         * Adds an entry.
         *
         * @throws NullPointerException  if the key or the value is null (the message names the key)
         * @throws IllegalStateException if the map was already built
         */
        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                throw new NullPointerException("field '" + key + "' has a null value; leave the key out instead");
            }
            append(key, value);
            return this;
        }

        private void append(String key, Object value) {
            if (built) {
                throw new IllegalStateException("this builder has already built its map");
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }

        /**
         * The map.
         *
         * @throws IllegalArgumentException if a key was added twice (the message names it)
         */
        public FieldValueMap build() {
            if (built) {
                throw new IllegalStateException("this builder has already built its map");
            }
            built = true;
            if (size == 0) {
                return EMPTY;
            }
            int[] slots = new int[Integer.highestOneBit(size) << 2];
            int mask = slots.length - 1;
            for (int i = 0; i < size; i++) {
                int slot = spread(keys[i].hashCode()) & mask;
                while (slots[slot] != 0) {
                    if (keys[slots[slot] - 1].equals(keys[i])) {
                        throw new IllegalArgumentException("field '" + keys[i] + "' was added twice");
                    }
                    slot = (slot + 1) & mask;
                }
                slots[slot] = i + 1;
            }
            return new FieldValueMap(keys, values, size, slots);
        }
    }
}
