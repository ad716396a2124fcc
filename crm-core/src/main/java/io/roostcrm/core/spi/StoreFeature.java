package io.roostcrm.core.spi;

/**
 * Optional abilities of a store. A feature that brings methods is also a type: its sub-store is an {@link
 * java.util.Optional} on {@link StoreTransaction}, present exactly when the feature is declared. The TCK skips (and
 * reports as skipped) the checks of a feature a store lacks, and checks that declaration and sub-stores agree.
 */
public enum StoreFeature {
    /** Reminders are stored ({@link StoreTransaction#reminders()}). */
    REMINDERS,
    /** Contacts can be filtered by a team scope predicate (users have teams). */
    TEAMS,
    /** Filters and sorts on custom fields run in the store's query, on indexes. */
    CUSTOM_FIELD_QUERIES,
    /** Sensitive field values are encrypted at rest. */
    ENCRYPTION_AT_REST,
    /**
     * A persisted security epoch ({@link StoreTransaction#epoch()}), moved in the same transaction as every change to
     * field definitions, roles, users and stages, so that several nodes over one database stay coherent.
     */
    SECURITY_EPOCH,
    /** A change log ({@link StoreTransaction#changeLog()}), written in the same transaction as each change. */
    CHANGE_LOG,
    /** Inserts keep given ids ({@link IdAssignment#GIVEN}), for restores. */
    GIVEN_IDS,
    /**
     * Settings every node shares ({@link StoreTransaction#settings()}), such as the key page cursors are signed
     * with; without them a host that runs several nodes gives the key itself.
     */
    SETTINGS,
    /**
     * Account security's state ({@link StoreTransaction#security()}): password hashes, API passwords, login sessions,
     * failure counters and lockouts, TOTP enrolments and recovery codes, IP rules, with atomic counters and
     * compare-and-set across nodes.
     */
    SECURITY,
    /**
     * The change log is an audit trail ({@link StoreTransaction#audit()}): every entry is hash-chained to the one
     * before it as it is written ({@link AuditChain}), so that tampering is found, and it can be queried and purged.
     */
    AUDIT_CHAIN
}
