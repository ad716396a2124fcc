package io.roostcrm.auth.internal;

import java.time.Duration;
import java.util.Objects;

/** The checks every rate limiter's settings share. */
final class Limits {
    private Limits() {
    }

    static void check(long limit, Duration period) {
        Objects.requireNonNull(period, "period");
        if (limit < 1) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be at least 1");
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("period was " + period + " but it must be at least 1 second");
        }
    }
}
