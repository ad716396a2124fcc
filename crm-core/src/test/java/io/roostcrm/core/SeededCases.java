package io.roostcrm.core;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeds for property tests: derived from one printed master seed, which {@code -Droost.seed=<n>} replays.
 */
public final class SeededCases {

    private SeededCases() {
    }

    /** {@code count} case seeds for a test, printing the master seed under the test's name. */
    public static Stream<Long> seeds(String test, int count) {
        long master = Long.getLong("roost.seed", System.nanoTime());
        System.out.println(test + " seed: " + master + " (replay with -Droost.seed=" + master + ")");
        Random random = new Random(master);
        return LongStream.range(0, count).mapToObj(i -> random.nextLong());
    }
}
