package io.roostcrm.core.memory;

import io.roostcrm.core.spi.AbstractStoreTransaction;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.WorkContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory store's change log. It lives outside the copied state: entries are appended only by
 * {@link AbstractStoreTransaction#beforeCommit()}, under the store's lock, after which nothing in a unit of work can
 * fail, so commit order is sequence order and a failed unit of work appends nothing. Guarded by the store's lock.
 */
final class MemoryChangeLog implements AbstractStoreTransaction.ChangeLogStorage {

    private final List<ChangeEntry> entries = new ArrayList<>();
    private long sequence;

    @Override
    public void write(List<Change> changes, WorkContext context) {
        for (Change change : changes) {
            entries.add(new ChangeEntry(++sequence, context, change));
        }
    }

    @Override
    public List<ChangeEntry> read(ChangeQuery query) {
        List<ChangeEntry> out = new ArrayList<>();
        for (int i = firstAfter(query.afterSequence()); i < entries.size() && out.size() < query.limit(); i++) {
            ChangeEntry entry = entries.get(i);
            if (matches(query.about(), entry.change())) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The index of the first entry with a greater sequence number (entries are in ascending order). */
    private int firstAfter(long sequenceNumber) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (entries.get(mid).sequence() <= sequenceNumber) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean matches(ChangeQuery.About about, Change change) {
        if (about instanceof ChangeQuery.AboutContact contact) {
            return change.contactId() == contact.contactId();
        }
        if (about instanceof ChangeQuery.AboutEntity entity) {
            return change.entity() == entity.entity() && change.entityId().equals(entity.entityId());
        }
        return true;
    }
}
