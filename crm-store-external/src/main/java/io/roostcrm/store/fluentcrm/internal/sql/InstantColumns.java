package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.store.fluentcrm.internal.mapping.ExactInstant;
import io.roostcrm.store.fluentcrm.internal.mapping.WallClock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads a time kept in two places: FluentCRM's own wall-clock column, and the exact instant Roost keeps beside it as
 * an epoch second and its nanoseconds, selected in two adjacent columns ({@link ExactInstant} decides between them).
 */
final class InstantColumns {

    private InstantColumns() {
    }

    /** The instant of FluentCRM's text column {@code text} and Roost's columns {@code epoch} and {@code epoch + 1}. */
    static Instant read(ResultSet rs, int text, int epoch, WallClock clock) throws SQLException {
        long second = rs.getLong(epoch);
        Long exactSecond = rs.wasNull() ? null : second;
        int nanos = rs.getInt(epoch + 1);
        Integer exactNanos = rs.wasNull() ? null : nanos;
        return ExactInstant.resolve(rs.getString(text), exactSecond, exactNanos, clock);
    }

    /** Like {@link #read}, but a row written without an update time (as FluentCRM may) was last updated at creation. */
    static Instant readUpdated(ResultSet rs, int text, int epoch, Instant created, WallClock clock)
            throws SQLException {
        rs.getLong(epoch);
        if (rs.wasNull() && rs.getString(text) == null) {
            return created;
        }
        return read(rs, text, epoch, clock);
    }
}
