package io.roostcrm.core.spi;

import java.util.List;

/**
 * The change log: an append-only record of every change, written in the same transaction as the change, that the
 * audit trail, field history, the sync feed and GDPR export read. A change that rolls back leaves no entry.
 *
 * <p><b>Order.</b> Each entry gets a sequence number when its unit of work commits. Numbers are strictly increasing
 * in commit order and may have gaps: a reader that has read every entry up to number {@code n} never later finds a
 * new entry at or below {@code n}, so it can follow the log by asking for entries after the last number it read.
 * Stores built on {@link AbstractStoreTransaction} get this from {@link AbstractStoreTransaction.ChangeLogStorage}
 * (see there for how the JDBC stores do it).
 */
public interface ChangeLogStore {

    /**
     * Records a change made in this unit of work. The entry takes this unit of work's {@link StoreTransaction#context()}
     * and commits or rolls back with it; it cannot be read before it commits.
     */
    void append(Change change);

    /**
     * Committed entries, ascending by sequence number.
     *
     * @return at most {@code query.limit()} entries
     */
    List<ChangeEntry> read(ChangeQuery query);
}
