package io.roostcrm.permissions;

/** Bit-set arithmetic over {@code long[]} words; kept tiny so the JIT inlines it into every decision. */
final class Bits {
    private Bits() {
    }

    static int wordsFor(int bits) {
        return (bits + 63) >>> 6;
    }

    static boolean test(long[] words, int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    static void set(long[] words, int index) {
        words[index >>> 6] |= 1L << index;
    }

    static void clear(long[] words, int index) {
        words[index >>> 6] &= ~(1L << index);
    }

    static void or(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] |= from[i];
        }
    }

    static void fill(long[] words, int bits) {
        for (int i = 0; i < bits; i++) {
            set(words, i);
        }
    }

    static int next(long[] words, int from) {
        if (from < 0) {
            from = 0;
        }
        int w = from >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }
}
