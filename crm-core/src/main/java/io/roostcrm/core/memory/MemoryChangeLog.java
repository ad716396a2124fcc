package io.roostcrm.core.memory;

import io.roostcrm.core.audit.AuditQuery;
import io.roostcrm.core.spi.AbstractStoreTransaction;
import io.roostcrm.core.spi.AuditChain;
import io.roostcrm.core.spi.AuditHead;
import io.roostcrm.core.spi.AuditLink;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.WorkContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The in-memory store's change log, hash-chained as the audit trail. It lives outside the copied state: entries are
 * appended only by {@link AbstractStoreTransaction#beforeCommit()}, under the store's lock, after which nothing in a
 * unit of work can fail, so commit order is sequence order and a failed unit of work appends nothing; purges are
 * applied at the commit too. Guarded by the store's lock.
 */
final class MemoryChangeLog implements AbstractStoreTransaction.ChangeLogStorage {

    private final List<ChangeEntry> entries = new ArrayList<>();
    private final List<AuditLink> links = new ArrayList<>();
    private long sequence;
    private String lastHash = AuditChain.GENESIS;

    @Override
    public void write(List<Change> changes, WorkContext context) {
        write(changes, context, AuditChain.sha256());
    }

    @Override
    public void write(List<Change> changes, WorkContext context, AuditChain chain) {
        for (Change change : changes) {
            AuditLink link = chain.link(++sequence, context, change, lastHash);
            lastHash = link.hash();
            entries.add(new ChangeEntry(sequence, context, change));
            links.add(link);
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

    AuditHead head() {
        return new AuditHead(sequence, lastHash);
    }

    List<AuditLink> links(long afterSequence, int limit) {
        int from = firstAfter(afterSequence);
        return List.copyOf(links.subList(from, Math.min(links.size(), from + limit)));
    }

    Optional<AuditLink> link(long sequenceNumber) {
        int i = firstAfter(sequenceNumber - 1);
        return i < links.size() && links.get(i).sequence() == sequenceNumber ? Optional.of(links.get(i))
                : Optional.empty();
    }

    List<ChangeEntry> query(AuditQuery query) {
        List<ChangeEntry> out = new ArrayList<>();
        for (int i = firstAfter(query.afterSequence()); i < entries.size() && out.size() < query.limit(); i++) {
            ChangeEntry e = entries.get(i);
            if (query.matches(e.sequence(), AuditChain.canonicalTime(e.context().time()), e.context().actor().userId(),
                    e.change().entity(), e.change().operation(), e.change().contactId())) {
                out.add(e);
            }
        }
        return out;
    }

    long lastSequenceBefore(Instant time) {
        long last = 0;
        for (ChangeEntry e : entries) {
            if (!AuditChain.canonicalTime(e.context().time()).isBefore(time)) {
                break;
            }
            last = e.sequence();
        }
        return last;
    }

    long countThrough(long sequenceNumber) {
        return firstAfter(sequenceNumber);
    }

    void deleteThrough(long sequenceNumber) {
        int n = firstAfter(sequenceNumber);
        entries.subList(0, n).clear();
        links.subList(0, n).clear();
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
