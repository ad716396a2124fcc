package io.roostcrm.store.fluentcrm.internal;

import io.roostcrm.store.fluentcrm.internal.mapping.Tables;
import io.roostcrm.store.fluentcrm.internal.mapping.WallClock;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * What every unit of work of one store shares; immutable.
 *
 * @param tables         table names for the prefix
 * @param wallClock      the site's zone, for FluentCRM's site-local timestamps
 * @param clock          for timestamps the SPI does not supply (pivot rows, definitions)
 * @param dialect        MySQL/MariaDB or H2
 * @param existingTables the (prefixed, lower-case) names of the tables present when the store started
 */
public record StoreContext(Tables tables, WallClock wallClock, Clock clock, Dialect dialect,
                           Set<String> existingTables) {
    /** Checks and copies. */
    public StoreContext {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dialect, "dialect");
        existingTables = Set.copyOf(existingTables);
    }

    /** Whether a FluentCRM table (unprefixed name) existed at start. */
    public boolean hasTable(String unprefixed) {
        return existingTables.contains(tables.named(unprefixed).toLowerCase(java.util.Locale.ROOT));
    }

    /** The current time as FluentCRM's site-local text. */
    public String now() {
        return wallClock.format(clock.instant());
    }
}
