package io.roostcrm.tck.service;

import io.roostcrm.tck.ForwardingTransaction;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.core.spi.WorkContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real store (the in-memory one) behind a decorator that counts units of work, contact selects and team look-ups,
 * and records every selection, so tests can check what the service asks of a store. Capabilities can be narrowed.
 */
final class CountingStore implements CrmStore {

    final AtomicInteger transactions = new AtomicInteger();
    final AtomicInteger selects = new AtomicInteger();
    final AtomicInteger teamLookups = new AtomicInteger();
    final List<ContactSelection> selections = new ArrayList<>();
    private final CrmStore delegate;
    private final StoreCapabilities capabilities;
    /** When set, selects ignore the scope and every mask and return every stored value: a broken store. */
    volatile boolean leaky;

    CountingStore(CrmStore delegate) {
        this(delegate, delegate.capabilities());
    }

    CountingStore(CrmStore delegate, StoreCapabilities capabilities) {
        this.delegate = delegate;
        this.capabilities = capabilities;
    }

    void reset() {
        transactions.set(0);
        selects.set(0);
        teamLookups.set(0);
        selections.clear();
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        transactions.incrementAndGet();
        return delegate.transactionResult(tx -> work.apply(new Tx(tx)));
    }

    @Override
    public <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
        transactions.incrementAndGet();
        return delegate.transactionResult(context, tx -> work.apply(new Tx(tx)));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Tx extends ForwardingTransaction {
        private final StoreTransaction tx;

        Tx(StoreTransaction tx) {
            super(tx);
            this.tx = tx;
        }

        @Override
        public ContactStore contacts() {
            ContactStore c = tx.contacts();
            return new ContactStore() {
                @Override
                public ContactRow insert(NewContact contact) {
                    return c.insert(contact);
                }

                @Override
                public List<Long> insertAll(List<NewContact> contacts) {
                    return c.insertAll(contacts);
                }

                @Override
                public long update(ContactChange change) {
                    return c.update(change);
                }

                @Override
                public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
                    return c.setOwner(contactId, expectedVersion, ownerId, updatedAt);
                }

                @Override
                public boolean delete(long contactId) {
                    return c.delete(contactId);
                }

                @Override
                public List<ContactRow> select(ContactSelection selection) {
                    selects.incrementAndGet();
                    selections.add(selection);
                    if (leaky) {
                        List<String> every = new ArrayList<>(StandardFields.keys());
                        every.addAll(SeedRoles.CUSTOM_FIELDS);
                        ContactSelection all = ContactSelection.everything(every, selection.filter(), selection.limit());
                        return c.select(new ContactSelection(all.scope(), all.projection(), selection.filter(),
                                selection.sort(), selection.after(), selection.limit()));
                    }
                    return c.select(selection);
                }

                @Override
                public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
                    return c.findIdsBy(fieldKey, values);
                }

                @Override
                public long count() {
                    return c.count();
                }
            };
        }

        @Override
        public UserStore users() {
            UserStore u = tx.users();
            return new UserStore() {
                @Override
                public User insert(User user) {
                    return u.insert(user);
                }

                @Override
                public User update(User user) {
                    return u.update(user);
                }

                @Override
                public Optional<User> find(long userId) {
                    return u.find(userId);
                }

                @Override
                public Optional<User> findByLogin(String login) {
                    return u.findByLogin(login);
                }

                @Override
                public List<User> all() {
                    return u.all();
                }

                @Override
                public Map<Long, Set<Long>> teamsOf(Collection<Long> userIds) {
                    teamLookups.incrementAndGet();
                    return u.teamsOf(userIds);
                }
            };
        }
    }
}
