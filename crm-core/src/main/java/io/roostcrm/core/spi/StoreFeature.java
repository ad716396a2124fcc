package io.roostcrm.core.spi;

/** Optional abilities of a store. The TCK skips (and reports as skipped) the checks of a feature a store lacks. */
public enum StoreFeature {
    /** Reminders are stored. */
    REMINDERS,
    /** Contacts can be filtered by a team scope predicate (users have teams). */
    TEAMS,
    /** Filters and sorts on custom fields run in the store's query, on indexes. */
    CUSTOM_FIELD_QUERIES,
    /** Sensitive field values are encrypted at rest. */
    ENCRYPTION_AT_REST
}
