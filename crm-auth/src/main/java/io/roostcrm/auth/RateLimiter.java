package io.roostcrm.auth;

import io.roostcrm.auth.internal.InProcessRateLimiter;
import io.roostcrm.auth.internal.PostgreSqlRateLimiter;
import io.roostcrm.core.CrmRateLimitedException;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Requests per credential per period, as token buckets (Bucket4j). {@link #inProcess} keeps the buckets in this
 * JVM: right for one node, and per node when there are several. {@link #postgreSql} keeps them in a PostgreSQL
 * table through Bucket4j's PostgreSQL module, so that every node draws from one bucket per credential.
 *
 * <p>MariaDB and MySQL: no {@code com.bucket4j:bucket4j_jdk17-mysql} or {@code -mariadb} artifact resolves (8.18.0,
 * 8.19.0 checked), so a deployment on MariaDB uses {@link #inProcess} (each node then allows the limit on its own)
 * or implements this interface over its own shared state. Implementations must be thread-safe.
 */
public interface RateLimiter {

    /**
     * Takes one request's token from the credential's bucket.
     *
     * @param credentialKey which bucket: one per credential (Roost passes e.g. {@code api:<id>}), at most 200
     *                      characters
     * @throws CrmRateLimitedException with the time until the next token, when the bucket is empty
     */
    void acquire(String credentialKey);

    /** Buckets in this JVM: {@code limit} requests per {@code period}, refilled gradually. */
    static RateLimiter inProcess(long limit, Duration period) {
        return new InProcessRateLimiter(limit, period);
    }

    /** The seed's 60 requests a minute, in this JVM. */
    static RateLimiter inProcess() {
        return inProcess(60, Duration.ofMinutes(1));
    }

    /**
     * Buckets shared through PostgreSQL, in a table of the data source's database, created at construction if absent
     * (the data source's user then needs the right to create it; otherwise create it beforehand, with this DDL, in
     * the schema the data source uses):
     * <pre>
     * CREATE TABLE IF NOT EXISTS &lt;table&gt; (id VARCHAR(200) PRIMARY KEY, state BYTEA, expires_at BIGINT)
     * </pre>
     * Each {@link #acquire} is one short transaction that locks the credential's row ({@code SELECT ... FOR UPDATE}),
     * so two nodes drawing at once draw from one bucket: {@code limit} requests per {@code period} in total. Bucket4j
     * times the buckets with each node's wall clock, so the nodes' clocks must agree (NTP). The table is not one of
     * the store's (Flyway) tables: it may live in another database than the CRM's.
     *
     * @param table a table name: letters, digits and {@code _}, at most 63 characters
     */
    static RateLimiter postgreSql(DataSource dataSource, String table, long limit, Duration period) {
        return new PostgreSqlRateLimiter(dataSource, table, limit, period);
    }
}
