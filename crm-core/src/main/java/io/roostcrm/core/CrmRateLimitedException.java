package io.roostcrm.core;

import java.time.Duration;
import java.util.Objects;

/** The caller sent too many requests; {@link #retryAfter()} says when to try again. */
public final class CrmRateLimitedException extends CrmException {

    private final Duration retryAfter;

    /** Rate limited; retry after the given duration. */
    public CrmRateLimitedException(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "rate limit exceeded; retry after " + Math.max(1, retryAfter.toSeconds()) + " s", null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long to wait before the next request. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
