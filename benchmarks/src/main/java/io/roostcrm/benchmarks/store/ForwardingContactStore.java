package io.roostcrm.benchmarks.store;

import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.NewContact;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A contact store that forwards everything; the baselines override what they do differently. */
class ForwardingContactStore implements ContactStore {

    private final ContactStore store;

    ForwardingContactStore(ContactStore store) {
        this.store = store;
    }

    @Override
    public ContactRow insert(NewContact contact) {
        return store.insert(contact);
    }

    @Override
    public List<Long> insertAll(List<NewContact> contacts) {
        return store.insertAll(contacts);
    }

    @Override
    public long update(ContactChange change) {
        return store.update(change);
    }

    @Override
    public ContactReplaced updateReturning(ContactChange change) {
        return store.updateReturning(change);
    }

    @Override
    public List<ContactReplaced> updateAllReturning(List<ContactChange> changes) {
        return store.updateAllReturning(changes);
    }

    @Override
    public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
        return store.setOwner(contactId, expectedVersion, ownerId, updatedAt);
    }

    @Override
    public ContactReplaced setOwnerReturning(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
        return store.setOwnerReturning(contactId, expectedVersion, ownerId, updatedAt);
    }

    @Override
    public boolean delete(long contactId) {
        return store.delete(contactId);
    }

    @Override
    public Optional<ContactRow> deleteReturning(long contactId, List<String> fieldKeys) {
        return store.deleteReturning(contactId, fieldKeys);
    }

    @Override
    public List<ContactRow> select(ContactSelection selection) {
        return store.select(selection);
    }

    @Override
    public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
        return store.findIdsBy(fieldKey, values);
    }

    @Override
    public long count() {
        return store.count();
    }
}
