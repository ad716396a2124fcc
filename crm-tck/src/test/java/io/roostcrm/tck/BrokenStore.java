package io.roostcrm.tck;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.ScopePredicate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A store that delegates to a correct one but breaks one SPI promise, the way real stores get it wrong; used to
 * check that the kit notices.
 */
final class BrokenStore implements CrmStore {

    /** The promise to break. */
    enum Breakage {
        /** Nothing: the delegate's behaviour, to show that the wrapper itself is harmless. */
        NONE,
        /** SQL's three-valued logic: {@code NOT leaf} is false where the field has no value. */
        THREE_VALUED_NOT,
        /** Keeps what the work wrote before it threw. */
        NO_ROLLBACK,
        /** Wraps every exception from the work into a store exception. */
        WRAPS_EXCEPTIONS,
        /** Applies a change whatever version it carries. */
        NO_VERSION_CHECK,
        /** Returns projected values on every row, ignoring their masks. */
        IGNORES_MASKS,
        /** Returns every row, ignoring the selection's scope. */
        IGNORES_SCOPE,
        /** Sorts absent values first ascending (SQL's NULLS FIRST), on the first page. */
        ABSENT_FIRST,
        /** Includes the keyset's own row at the start of the next page ({@code >=} instead of {@code >}). */
        INCLUSIVE_KEYSET,
        /** {@code updateReturning} returns the values the update wrote instead of those it replaced. */
        UPDATE_RETURNS_CURRENT,
        /** Role writes forget to move the epoch: its roles component never changes. */
        EPOCH_IGNORES_ROLES,
        /**
         * Numbers change-log entries when they are appended, as an identity column or a sequence does, and makes
         * them readable when their unit of work commits; so a unit of work that commits after one that appended
         * later (a slow commit, forced here) makes entries readable below a number a reader has already passed.
         */
        LOG_NUMBERED_AT_APPEND,
        /**
         * Implements only the old {@code transactionResult(work)}, as a store written before units of work had a
         * context does, while declaring a change log: {@code context()} is right (the SPI's default sees to it),
         * but the entries carry the system acting now.
         */
        IGNORES_CONTEXT,
        /** Accepts a TOTP step equal to the last one accepted, so a code can be used twice. */
        TOTP_STEP_REUSED,
        /**
         * Counts failures by reading the counter and writing back {@code n + 1} at commit, instead of one
         * {@code SET n = n + 1} on the current row: failures counted at once are lost.
         */
        COUNTER_READ_MODIFY_WRITE,
        /**
         * Links every audit entry to the first entry ever (the genesis hash) instead of to the entry before it, as a
         * store that read the chain's head outside its lock would for racing writers: a forked chain whose every entry
         * still matches its own hash (issue 12).
         */
        AUDIT_FORKS,
        /**
         * {@code updateAllReturning} as a JDBC batch whose update counts nobody reads: a stale change updates nothing
         * and the call goes on as if it had (issue 13).
         */
        BATCH_SKIPS_STALE,
        /**
         * {@code updateAllReturning} returns its results in the order of the contacts' ids, the order a batch read
         * ({@code ORDER BY id}) gives, instead of the order of the changes (issue 13).
         */
        BATCH_RESULTS_IN_ID_ORDER
    }

    private final CrmStore delegate;
    private final Breakage breakage;
    /** The change log of {@link Breakage#LOG_NUMBERED_AT_APPEND}, shared by this store's units of work. */
    private final AppendNumberedLog appendNumberedLog = new AppendNumberedLog();
    /** The failure counters of {@link Breakage#COUNTER_READ_MODIFY_WRITE}, shared by this store's units of work. */
    private final BrokenSecurity.ReadModifyWriteCounters counters = new BrokenSecurity.ReadModifyWriteCounters();

    BrokenStore(CrmStore delegate, Breakage breakage) {
        this.delegate = delegate;
        this.breakage = breakage;
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return run(delegate::transactionResult, work);
    }

    @Override
    public <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
        if (breakage == Breakage.IGNORES_CONTEXT) {
            return CrmStore.super.transactionResult(context, work);
        }
        return run(inner -> delegate.transactionResult(context, inner), work);
    }

    /** Runs the work in a unit of work the delegate opens with {@code open}, breaking what the breakage breaks. */
    private <T> T run(Function<Function<StoreTransaction, T>, T> open, Function<StoreTransaction, T> work) {
        switch (breakage) {
            case NO_ROLLBACK -> {
                RuntimeException[] thrown = new RuntimeException[1];
                T result = open.apply(tx -> {
                    try {
                        return work.apply(new Transaction(tx, null));
                    } catch (RuntimeException e) {
                        thrown[0] = e;
                        return null;
                    }
                });
                if (thrown[0] != null) {
                    throw thrown[0];
                }
                return result;
            }
            case WRAPS_EXCEPTIONS -> {
                try {
                    return open.apply(tx -> work.apply(new Transaction(tx, null)));
                } catch (RuntimeException e) {
                    throw new CrmStoreException("store failure", e);
                }
            }
            case LOG_NUMBERED_AT_APPEND -> {
                List<ChangeEntry> appended = new ArrayList<>();
                T result = open.apply(tx -> work.apply(new Transaction(tx, appended)));
                // Committed: only now do the entries become readable.
                appendNumberedLog.commit(appended);
                return result;
            }
            case COUNTER_READ_MODIFY_WRITE -> {
                BrokenSecurity.ReadModifyWriteCounters.Work counting = counters.begin();
                try {
                    T result = open.apply(tx -> work.apply(new Transaction(tx, null, counting)));
                    counting.committed();
                    return result;
                } finally {
                    counters.end();
                }
            }
            default -> {
                return open.apply(tx -> work.apply(new Transaction(tx, null)));
            }
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Transaction extends ForwardingTransaction {
        private final StoreTransaction tx;
        /** The entries this unit of work appended, for {@link Breakage#LOG_NUMBERED_AT_APPEND}; else {@code null}. */
        private final List<ChangeEntry> appended;

        /** This unit of work's counting, for {@link Breakage#COUNTER_READ_MODIFY_WRITE}; else {@code null}. */
        private final BrokenSecurity.ReadModifyWriteCounters.Work counting;

        Transaction(StoreTransaction tx, List<ChangeEntry> appended) {
            this(tx, appended, null);
        }

        Transaction(StoreTransaction tx, List<ChangeEntry> appended,
                    BrokenSecurity.ReadModifyWriteCounters.Work counting) {
            super(tx);
            this.tx = tx;
            this.appended = appended;
            this.counting = counting;
        }

        @Override
        public Optional<SecurityStore> security() {
            if (breakage == Breakage.TOTP_STEP_REUSED) {
                return tx.security().map(BrokenSecurity::reusingTotpSteps);
            }
            if (counting != null) {
                return tx.security().map(counting::wrap);
            }
            return tx.security();
        }

        @Override
        public ContactStore contacts() {
            return new Contacts(tx.contacts());
        }

        @Override
        public Optional<Epoch> epoch() {
            if (breakage == Breakage.EPOCH_IGNORES_ROLES) {
                return tx.epoch().map(e -> new Epoch(e.fields(), 0, e.users(), e.stages()));
            }
            return tx.epoch();
        }

        @Override
        public Optional<io.roostcrm.core.spi.AuditStore> audit() {
            if (breakage != Breakage.AUDIT_FORKS) {
                return tx.audit();
            }
            return tx.audit().map(audit -> new io.roostcrm.core.spi.AuditStore() {
                @Override
                public void linkWith(io.roostcrm.core.spi.AuditChain chain) {
                    audit.linkWith(chain);
                }

                @Override
                public io.roostcrm.core.spi.AuditHead head() {
                    return audit.head();
                }

                @Override
                public List<io.roostcrm.core.spi.AuditLink> links(long afterSequence, int limit) {
                    return audit.links(afterSequence, limit).stream().map(BrokenStore::forked).toList();
                }

                @Override
                public Optional<io.roostcrm.core.spi.AuditLink> link(long sequence) {
                    return audit.link(sequence).map(BrokenStore::forked);
                }

                @Override
                public List<ChangeEntry> query(io.roostcrm.core.audit.AuditQuery query) {
                    return audit.query(query);
                }

                @Override
                public long lastSequenceBefore(java.time.Instant time) {
                    return audit.lastSequenceBefore(time);
                }

                @Override
                public long deleteThrough(long sequence) {
                    return audit.deleteThrough(sequence);
                }
            });
        }

        @Override
        public Optional<ChangeLogStore> changeLog() {
            if (appended == null) {
                return tx.changeLog();
            }
            WorkContext context = tx.context();
            return Optional.of(new ChangeLogStore() {
                @Override
                public void append(Change change) {
                    appended.add(new ChangeEntry(appendNumberedLog.next(), context, change));
                }

                @Override
                public List<ChangeEntry> read(ChangeQuery query) {
                    return appendNumberedLog.read(query);
                }
            });
        }
    }

    /**
     * The change log of {@link Breakage#LOG_NUMBERED_AT_APPEND}: numbers handed out at append, entries readable from
     * their commit. To make the overtaking it allows happen, not just possible, the unit of work that appended first
     * commits slowly: its entries become readable only once a reader has read a greater number (or after half a
     * minute, when no reader does).
     */
    private static final class AppendNumberedLog {
        private final AtomicLong numbers = new AtomicLong();
        private final ConcurrentSkipListMap<Long, ChangeEntry> committed = new ConcurrentSkipListMap<>();
        private long greatestRead;

        long next() {
            return numbers.incrementAndGet();
        }

        void commit(List<ChangeEntry> entries) {
            if (entries.isEmpty()) {
                return;
            }
            long first = entries.get(0).sequence();
            long last = entries.get(entries.size() - 1).sequence();
            synchronized (this) {
                if (first == 1) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    long left;
                    while (greatestRead <= last && (left = deadline - System.nanoTime()) > 0) {
                        try {
                            TimeUnit.NANOSECONDS.timedWait(this, left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
                entries.forEach(entry -> committed.put(entry.sequence(), entry));
            }
        }

        List<ChangeEntry> read(ChangeQuery query) {
            List<ChangeEntry> page = new ArrayList<>();
            for (ChangeEntry entry : committed.tailMap(query.afterSequence(), false).values()) {
                if (page.size() == query.limit()) {
                    break;
                }
                if (matches(query.about(), entry.change())) {
                    page.add(entry);
                }
            }
            if (!page.isEmpty()) {
                synchronized (this) {
                    greatestRead = Math.max(greatestRead, page.get(page.size() - 1).sequence());
                    notifyAll();
                }
            }
            return page;
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

    private final class Contacts implements ContactStore {
        private final ContactStore contacts;

        Contacts(ContactStore contacts) {
            this.contacts = contacts;
        }

        @Override
        public ContactRow insert(NewContact contact) {
            return contacts.insert(contact);
        }

        @Override
        public ContactRow insert(NewContact contact, IdAssignment ids) {
            return contacts.insert(contact, ids);
        }

        @Override
        public List<Long> insertAll(List<NewContact> batch) {
            return contacts.insertAll(batch);
        }

        @Override
        public List<Long> insertAll(List<NewContact> batch, IdAssignment ids) {
            return contacts.insertAll(batch, ids);
        }

        @Override
        public ContactReplaced updateReturning(ContactChange change) {
            ContactReplaced replaced = contacts.updateReturning(change);
            if (breakage != Breakage.UPDATE_RETURNS_CURRENT) {
                return replaced;
            }
            Set<String> keys = new LinkedHashSet<>(change.set().keySet());
            keys.addAll(change.clear());
            ContactRow now = contacts.select(ContactSelection.everything(List.copyOf(keys),
                    new Filter.IdIn(Set.of(change.contactId())), 1)).get(0);
            return new ContactReplaced(replaced.newVersion(), now.ownerId(), now.values());
        }

        @Override
        public List<ContactReplaced> updateAllReturning(List<ContactChange> changes) {
            switch (breakage) {
                case BATCH_SKIPS_STALE -> {
                    List<ContactReplaced> replaced = new ArrayList<>();
                    for (ContactChange change : changes) {
                        try {
                            replaced.add(contacts.updateReturning(change));
                        } catch (io.roostcrm.core.StaleVersionException e) {
                            replaced.add(new ContactReplaced(change.expectedVersion() + 1, 0, Map.of()));
                        }
                    }
                    return replaced;
                }
                case BATCH_RESULTS_IN_ID_ORDER -> {
                    List<ContactChange> byId = new ArrayList<>(changes);
                    byId.sort(Comparator.comparingLong(ContactChange::contactId));
                    return contacts.updateAllReturning(byId);
                }
                default -> {
                    return contacts.updateAllReturning(changes);
                }
            }
        }

        @Override
        public ContactReplaced setOwnerReturning(long contactId, long expectedVersion, long ownerId,
                                                 Instant updatedAt) {
            return contacts.setOwnerReturning(contactId, expectedVersion, ownerId, updatedAt);
        }

        @Override
        public Optional<ContactRow> deleteReturning(long contactId, List<String> fieldKeys) {
            return contacts.deleteReturning(contactId, fieldKeys);
        }

        @Override
        public long update(ContactChange change) {
            if (breakage == Breakage.NO_VERSION_CHECK) {
                List<ContactRow> current = contacts.select(ContactSelection.everything(List.of(),
                        new Filter.IdIn(Set.of(change.contactId())), 1));
                if (!current.isEmpty()) {
                    return contacts.update(new ContactChange(change.contactId(), current.get(0).version(),
                            change.set(), change.clear(), change.updatedAt()));
                }
            }
            return contacts.update(change);
        }

        @Override
        public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
            return contacts.setOwner(contactId, expectedVersion, ownerId, updatedAt);
        }

        @Override
        public boolean delete(long contactId) {
            return contacts.delete(contactId);
        }

        @Override
        public List<ContactRow> select(ContactSelection selection) {
            ContactSelection asked = switch (breakage) {
                case THREE_VALUED_NOT -> new ContactSelection(selection.scope(), selection.projection(),
                        threeValued(selection.filter()), selection.sort(), selection.after(), selection.limit());
                case IGNORES_MASKS -> {
                    Map<String, ScopePredicate> unmasked = new LinkedHashMap<>();
                    selection.projection().keySet().forEach(key -> unmasked.put(key, ScopePredicate.all()));
                    yield new ContactSelection(selection.scope(), unmasked, selection.filter(), selection.sort(),
                            selection.after(), selection.limit());
                }
                case IGNORES_SCOPE -> new ContactSelection(ScopePredicate.all(), selection.projection(),
                        selection.filter(), selection.sort(), selection.after(), selection.limit());
                default -> selection;
            };
            List<ContactRow> rows = new ArrayList<>(contacts.select(asked));
            switch (breakage) {
                case ABSENT_FIRST -> {
                    if (!selection.sort().isEmpty() && selection.after().isStart()) {
                        rows.sort(absentFirst(selection.sort()));
                    }
                    return rows;
                }
                case INCLUSIVE_KEYSET -> {
                    if (!selection.after().isStart()) {
                        rows.addAll(0, contacts.select(new ContactSelection(selection.scope(), selection.projection(),
                                new Filter.IdIn(Set.of(selection.after().id())), List.of(),
                                Keyset.start(), 1)));
                        return rows.subList(0, Math.min(rows.size(), selection.limit()));
                    }
                    return rows;
                }
                default -> {
                    return rows;
                }
            }
        }

        @Override
        public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
            return contacts.findIdsBy(fieldKey, values);
        }

        @Override
        public long count() {
            return contacts.count();
        }
    }

    /** Rewrites {@code not(leaf on f)} into {@code not(leaf) and f is set}, as SQL's NULL logic behaves. */
    private static Filter threeValued(Filter filter) {
        if (filter instanceof Filter.Not not) {
            Filter inner = threeValued(not.filter());
            String field = fieldOf(not.filter());
            return field == null ? new Filter.Not(inner)
                    : Filter.and(new Filter.Not(inner), Filter.not(Filter.isEmpty(field)));
        }
        if (filter instanceof Filter.And and) {
            return new Filter.And(and.filters().stream().map(BrokenStore::threeValued).toList());
        }
        if (filter instanceof Filter.Or or) {
            return new Filter.Or(or.filters().stream().map(BrokenStore::threeValued).toList());
        }
        return filter;
    }

    private static String fieldOf(Filter leaf) {
        if (leaf instanceof Filter.Compare compare) {
            return compare.field();
        }
        if (leaf instanceof Filter.In in) {
            return in.field();
        }
        if (leaf instanceof Filter.Text text) {
            return text.field();
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<ContactRow> absentFirst(List<SortKey> sort) {
        Comparator<ContactRow> order = (a, b) -> 0;
        for (SortKey key : sort) {
            Comparator<ContactRow> byKey = (a, b) -> {
                Object x = a.values().get(key.field());
                Object y = b.values().get(key.field());
                if (x == null || y == null) {
                    return x == null ? (y == null ? 0 : -1) : 1;
                }
                int c = ((Comparable) x).compareTo(y);
                return key.direction() == Direction.DESC ? -c : c;
            };
            order = order.thenComparing(byKey);
        }
        return order.thenComparingLong(ContactRow::id);
    }

    /** The link as {@link Breakage#AUDIT_FORKS} keeps it: linked to the genesis hash, hashed consistently. */
    private static io.roostcrm.core.spi.AuditLink forked(io.roostcrm.core.spi.AuditLink l) {
        io.roostcrm.core.spi.AuditLink relinked = new io.roostcrm.core.spi.AuditLink(l.sequence(), l.time(),
                l.actorId(), l.clientAddress(), l.correlationId(), l.entity(), l.entityId(), l.contactId(),
                l.operation(), l.changes(), io.roostcrm.core.spi.AuditChain.GENESIS, "");
        return new io.roostcrm.core.spi.AuditLink(l.sequence(), l.time(), l.actorId(), l.clientAddress(),
                l.correlationId(), l.entity(), l.entityId(), l.contactId(), l.operation(), l.changes(),
                io.roostcrm.core.spi.AuditChain.GENESIS, io.roostcrm.core.spi.AuditChain.sha256().hash(relinked));
    }
}
