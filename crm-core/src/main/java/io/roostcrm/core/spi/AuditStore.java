package io.roostcrm.core.spi;

import io.roostcrm.core.audit.AuditQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The change log seen as a tamper-evident audit trail: its entries as stored with their hashes, queries over them,
 * and retention. Entries are still written through {@link ChangeLogStore#append}: a store with this sub-store links
 * each entry to the one before it while it writes it, under the same lock that orders the change log, with the
 * {@link AuditChain} of the unit of work ({@link #linkWith}). Present exactly when the store declares
 * {@link StoreFeature#AUDIT_CHAIN}. Not thread-safe, like the unit of work.
 */
public interface AuditStore {

    /**
     * The chain this unit of work's entries are linked with. Roost calls it at the start of every unit of work with
     * the {@code Crm}'s chain (keyed when the host gave a key); without a call, entries are linked with
     * {@link AuditChain#sha256()}.
     */
    void linkWith(AuditChain chain);

    /** The head of the chain as committed (and as changed by this unit of work). */
    AuditHead head();

    /**
     * Stored entries with a greater sequence number, ascending, at most {@code limit} (1 to
     * {@link io.roostcrm.core.spi.ChangeQuery#MAX_LIMIT}). Returns them as stored, even if they were altered by hand.
     */
    List<AuditLink> links(long afterSequence, int limit);

    /** The stored entry with this sequence number. */
    Optional<AuditLink> link(long sequence);

    /**
     * Committed entries matching the query's contact, actor, entity, operation and time range (its field keys are
     * the caller's to filter), ascending by sequence after {@link AuditQuery#afterSequence()}, at most
     * {@link AuditQuery#limit()}.
     */
    List<ChangeEntry> query(AuditQuery query);

    /**
     * The sequence number just before the first entry at or after this time: everything up to it is older. {@code 0}
     * when the first entry is not older.
     */
    long lastSequenceBefore(Instant time);

    /**
     * Deletes every entry with a sequence number up to this one, in this unit of work.
     *
     * @return how many were deleted
     */
    long deleteThrough(long sequence);
}
