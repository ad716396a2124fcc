package io.roostcrm.permissions;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of fields of one {@link FieldRegistry}, backed by a bit set over the fields' dense indexes.
 * Membership tests are a single bit test.
 */
public final class FieldSet {

    private final FieldRegistry registry;
    private final long[] words;
    private final int size;
    /**
     * {@code next[i]} is the first index at or after {@code i} in the set, or {@code -1}; one entry per field plus
     * a final {@code -1}. Makes {@link #nextIndex} one array load, so iterating a set is not a chain of bit scans.
     */
    private final int[] next;

    FieldSet(FieldRegistry registry, long[] words) {
        this.registry = registry;
        this.words = words;
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        this.size = count;
        int[] table = new int[registry.size() + 1];
        int i = 0;
        for (int member = Bits.next(words, 0); member >= 0; member = Bits.next(words, member + 1)) {
            while (i <= member) {
                table[i++] = member;
            }
        }
        while (i < table.length) {
            table[i++] = -1;
        }
        this.next = table;
    }

    static FieldSet empty(FieldRegistry registry) {
        return new FieldSet(registry, new long[Bits.wordsFor(registry.size())]);
    }

    /** Whether the field with this key is in the set. Unknown keys are not. */
    public boolean contains(String key) {
        int index = registry.indexOf(key);
        return index >= 0 && Bits.test(words, index);
    }

    /** Whether the field at this dense index is in the set. */
    public boolean contains(int index) {
        return index >= 0 && index < registry.size() && Bits.test(words, index);
    }

    /** How many fields are in the set. */
    public int size() {
        return size;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The registry whose indexes this set uses. */
    public FieldRegistry registry() {
        return registry;
    }

    /** The keys in the set, in registry order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(size);
        for (int i = nextIndex(0); i >= 0; i = nextIndex(i + 1)) {
            keys.add(registry.get(i).key());
        }
        return keys;
    }

    /** The fields in the set, in registry order. */
    public List<FieldDescriptor> fields() {
        List<String> keys = keys();
        return new AbstractList<>() {
            @Override
            public FieldDescriptor get(int i) {
                return registry.find(keys.get(i)).orElseThrow();
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
    }

    /** The first index at or after {@code from} that is in the set, or {@code -1}. */
    public int nextIndex(int from) {
        int[] table = next;
        if (from < 0) {
            from = 0;
        }
        return from < table.length ? table[from] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && registry.equals(other.registry) && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "FieldSet" + keys();
    }
}
