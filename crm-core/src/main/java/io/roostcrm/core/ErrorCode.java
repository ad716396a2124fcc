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
    /** The store failed; nothing of the call was written. */
    STORE_FAILURE,
    /**
     * The store had no free connection in time (its pool is exhausted); nothing of the call was written. Try again
     * later, or give the store a larger pool.
     */
    STORE_BUSY,
    /**
     * The connection was lost while the call's transaction was being committed: it may or may not have committed.
     * Re-read what the call wrote (a contact's version says whether an update landed) before trying it again.
     */
    COMMIT_OUTCOME_UNKNOWN
}
