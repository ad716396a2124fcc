package io.roostcrm.core;

/** Machine-readable kind of a {@link CrmException}, stable across releases. */
public enum ErrorCode {
    /** Input broke a rule; see {@link CrmValidationException#violations()}. */
    VALIDATION,
    /** The caller may not do this. */
    PERMISSION_DENIED,
    /** No such thing, or not visible to the caller (the two are indistinguishable on purpose). */
    NOT_FOUND,
    /** The thing changed since the caller read it. */
    STALE_VERSION,
    /** The caller could not be authenticated. */
    AUTHENTICATION,
    /** The caller sent too many requests. */
    RATE_LIMITED,
    /** Roost or a store is misconfigured. */
    CONFIGURATION,
    /** The store failed. */
    STORE_FAILURE
}
