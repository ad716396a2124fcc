package io.roostcrm.auth.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.roostcrm.auth.RateLimiter;
import io.roostcrm.core.CrmRateLimitedException;
import io.roostcrm.core.CrmStoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Token buckets in a PostgreSQL table, shared by every node (Bucket4j's PostgreSQL module, {@code SELECT … FOR
 * UPDATE} on the credential's row). Thread-safe.
 */
public final class PostgreSqlRateLimiter implements RateLimiter {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final String table;

    /**
     * Buckets in {@code table}, created if absent.
     *
     * @throws IllegalArgumentException for a bad table name, limit or period
     * @throws CrmStoreException        if the table cannot be created
     */
    public PostgreSqlRateLimiter(DataSource dataSource, String table, long limit, Duration period) {
        this(dataSource, table, limit, period, null);
    }

    /**
     * Buckets in {@code table}, timed by {@code clock} (every node sharing the table must use the same clock): tests
     * stop time with it, so that counts within one window do not depend on how fast the machine is. {@code null}
     * leaves Bucket4j's default, the wall clock in milliseconds.
     */
    PostgreSqlRateLimiter(DataSource dataSource, String table, long limit, Duration period, TimeMeter clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(table, "table");
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be 1 to 63 letters, digits and '_', not starting with a digit");
        }
        Limits.check(limit, period);
        this.table = table;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (id VARCHAR(200) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
        } catch (SQLException e) {
            throw new CrmStoreException("the rate-limit table " + table + " could not be created", e);
        }
        var builder = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table(table);
        if (clock != null) {
            builder.clientClock(clock);
        }
        this.buckets = builder.build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build()).build();
    }

    @Override
    public void acquire(String credentialKey) {
        Objects.requireNonNull(credentialKey, "credentialKey");
        if (credentialKey.length() > 200) {
            throw new IllegalArgumentException("credentialKey must be at most 200 characters");
        }
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build(credentialKey, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            throw new CrmStoreException("the shared rate limit could not be read", e);
        }
        if (!probe.isConsumed()) {
            throw new CrmRateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    @Override
    public String toString() {
        return "PostgreSqlRateLimiter[" + table + "]";
    }
}
