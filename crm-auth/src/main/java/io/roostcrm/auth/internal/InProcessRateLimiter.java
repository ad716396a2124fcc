package io.roostcrm.auth.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.roostcrm.auth.RateLimiter;
import io.roostcrm.core.CrmRateLimitedException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets in this JVM, one per credential (Bucket4j's lock-free bucket). Thread-safe. */
public final class InProcessRateLimiter implements RateLimiter {

    private final long limit;
    private final Duration period;
    private final Bandwidth bandwidth;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * {@code limit} requests per {@code period}.
     *
     * @throws IllegalArgumentException if the limit is not positive or the period not at least a second
     */
    public InProcessRateLimiter(long limit, Duration period) {
        Limits.check(limit, period);
        this.limit = limit;
        this.period = period;
        try { // built once here, so that a limit Bucket4j cannot refill (over 1 token a nanosecond) fails now
            this.bandwidth = Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("limit was " + limit + " per " + period
                    + " but it must be at most one request a nanosecond", e);
        }
    }

    @Override
    public void acquire(String credentialKey) {
        Objects.requireNonNull(credentialKey, "credentialKey");
        Bucket bucket = buckets.computeIfAbsent(credentialKey, k -> Bucket.builder().addLimit(bandwidth).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new CrmRateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    @Override
    public String toString() {
        return "InProcessRateLimiter[" + limit + " per " + period + "]";
    }
}
