package io.roostcrm.store.jdbc.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants are stored as zone-less TIMESTAMP / DATETIME(6) values holding UTC wall-clock time, on every database, so
 * that neither the JVM's nor the server's time zone takes part. Precision is microseconds.
 *
 * <p>The values cross JDBC as {@link LocalDateTime} itself, never as {@link java.sql.Timestamp}: a timestamp is
 * built in the JVM's default zone, which moved a UTC wall time in that zone's spring-forward gap by an hour. The
 * columns' jOOQ types ({@link io.roostcrm.store.jdbc.internal.schema.JavaTimeTypes}) and the batch insert's
 * {@code setObject} both bind it directly.
 */
public final class UtcTimes {

    private UtcTimes() {
    }

    /** The value to store for an instant. */
    public static LocalDateTime toDb(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** The instant a stored value stands for. */
    public static Instant fromDb(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC);
    }
}
