package io.roostcrm.tck;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.query.Sort.Direction;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.SortKey;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.ScopePredicate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        INCLUSIVE_KEYSET
    }

    private final CrmStore delegate;
    private final Breakage breakage;

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
        switch (breakage) {
            case NO_ROLLBACK -> {
                RuntimeException[] thrown = new RuntimeException[1];
                T result = delegate.transactionResult(tx -> {
                    try {
                        return work.apply(new Transaction(tx));
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
                    return delegate.transactionResult(tx -> work.apply(new Transaction(tx)));
                } catch (RuntimeException e) {
                    throw new CrmStoreException("store failure", e);
                }
            }
            default -> {
                return delegate.transactionResult(tx -> work.apply(new Transaction(tx)));
            }
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Transaction extends ForwardingTransaction {
        private final StoreTransaction tx;

        Transaction(StoreTransaction tx) {
            super(tx);
            this.tx = tx;
        }

        @Override
        public ContactStore contacts() {
            return new Contacts(tx.contacts());
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
        public List<Long> insertAll(List<NewContact> batch) {
            return contacts.insertAll(batch);
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
}
