package io.roostcrm.auth;

import io.roostcrm.core.CrmRateLimitedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    @Test
    void sixtyPerMinuteThenARetryAfter() throws Exception { // seed 000 "Rate limiting (60 requests/minute)"
        RateLimiter limiter = RateLimiter.inProcess();
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            pool.submit(() -> {
                start.await();
                try {
                    limiter.acquire("api:1");
                    allowed.incrementAndGet();
                } catch (CrmRateLimitedException e) {
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(allowed).hasValue(60);
        assertThat(refused).hasValue(40);
        assertThatThrownBy(() -> limiter.acquire("api:1")).isInstanceOf(CrmRateLimitedException.class)
                .satisfies(e -> assertThat(((CrmRateLimitedException) e).retryAfter())
                        .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
        limiter.acquire("api:2"); // another credential has its own bucket
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> RateLimiter.inProcess(0, Duration.ofMinutes(1))).hasMessageContaining("limit was 0");
        assertThatThrownBy(() -> RateLimiter.inProcess(1, Duration.ZERO)).hasMessageContaining("period was PT0S");
        assertThatThrownBy(() -> RateLimiter.inProcess(Long.MAX_VALUE, Duration.ofSeconds(1)))
                .hasMessageContaining("at most one request a nanosecond");
    }
}
