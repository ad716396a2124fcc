package io.roostcrm.core.spi;

/**
 * Who chooses the id of an inserted row. Restores (putting back what a snapshot or another installation held) keep
 * the ids their rows had; everything else lets the store choose.
 */
public enum IdAssignment {
    /** The store assigns a new id; any id the value carries is ignored. */
    STORE,
    /**
     * The id the value carries is kept. It must be positive and not in use (a taken id is refused as a unique
     * violation on field {@code id}, writing nothing), and the ids the store assigns later never collide with it.
     * Stores without {@link StoreFeature#GIVEN_IDS} refuse it with {@link UnsupportedOperationException}, so check
     * the capability first.
     */
    GIVEN
}
