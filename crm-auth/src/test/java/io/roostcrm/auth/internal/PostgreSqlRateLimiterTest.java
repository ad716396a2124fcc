package io.roostcrm.auth.internal;

import io.github.bucket4j.TimeMeter;
import io.roostcrm.core.CrmRateLimitedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rate limiter shared through PostgreSQL (issue 11 item 10): two limiter objects, each with its own data source,
 * stand for two nodes over one table. Time is stopped by a clock the test moves, so the counts do not depend on how
 * fast the machine runs the requests. Skipped when PostgreSQL is unreachable, except under CI=true.
 */
class PostgreSqlRateLimiterTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String table = "roost_rate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    /** Nanoseconds since the epoch, as the wall clock Bucket4j's JDBC buckets are timed by. */
    private final AtomicLong nanos = new AtomicLong(Instant.parse("2026-06-01T10:00:00Z").toEpochMilli() * 1_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };
    private boolean created;

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser("postgres");
        return ds;
    }

    private PostgreSqlRateLimiter node() {
        PostgreSqlRateLimiter limiter = new PostgreSqlRateLimiter(dataSource(), table, 60, Duration.ofMinutes(1),
                clock);
        created = true;
        return limiter;
    }

    @AfterEach
    void dropTable() throws SQLException {
        if (created) {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static void assumeReachable() {
        try (Connection c = dataSource().getConnection()) {
            c.isValid(2);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is unreachable under CI", e);
            }
            Assumptions.abort("PostgreSQL is unreachable: " + e.getClass().getSimpleName());
        }
    }

    @Test
    void twoNodesDrawSixtyAMinuteInTotalFromOneBucket() throws Exception { // seed 000 "60 requests/minute"; DESIGN §5a
        assumeReachable();
        List<PostgreSqlRateLimiter> nodes = List.of(node(), node());
        AtomicInteger allowed = new AtomicInteger();
        List<CrmRateLimitedException> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            PostgreSqlRateLimiter node = nodes.get(i % 2);
            done.add(pool.submit(() -> {
                start.await();
                try {
                    node.acquire("api:7");
                    allowed.incrementAndGet();
                } catch (CrmRateLimitedException e) {
                    refused.add(e);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(allowed).hasValue(60);
        assertThat(refused).hasSize(20).allSatisfy(e -> {
            // the time stands still: the next token comes one full second (a minute / 60) from now
            assertThat(e.retryAfter()).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
            assertThat(e.getMessage()).isEqualTo("rate limit exceeded; retry after 1 s");
        });

        nanos.addAndGet(Duration.ofSeconds(1).toNanos()); // one token back, for both nodes together
        nodes.get(1).acquire("api:7");
        assertThatThrownBy(() -> nodes.get(0).acquire("api:7")).isInstanceOf(CrmRateLimitedException.class);
        nodes.get(0).acquire("api:8"); // another credential has a bucket of its own
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        assertThatThrownBy(() -> new PostgreSqlRateLimiter(dataSource(), "bad name; drop", 60, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table must be");
        assertThatThrownBy(() -> new PostgreSqlRateLimiter(dataSource(), table, 0, Duration.ofMinutes(1)))
                .hasMessageContaining("limit was 0");
    }
}
