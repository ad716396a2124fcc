package io.roostcrm.core.spi;

import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.field.FieldValueMap;
import io.roostcrm.core.query.Filter;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts: their standard and custom field values, owner and version.
 *
 * <p>E-mail is unique among contacts, compared case-insensitively (the service stores it lower-cased); a write that
 * would break that throws {@link io.roostcrm.core.CrmValidationException} with a violation on field {@code email},
 * rule {@code unique}, and writes nothing. A write that puts a contact at a stage that does not exist (deleted
 * meanwhile by another unit of work, perhaps) is refused the same way, field {@code stage}, rule
 * {@code unknown_stage}. Deleting a contact removes what belongs to it in the same transaction, and a unit of work
 * adding something to it at the same moment either lands before the delete (and goes with it) or is refused.
 */
public interface ContactStore {

    /**
     * Inserts a contact at version 1.
     *
     * @return the stored row with all its values
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail
     */
    ContactRow insert(NewContact contact);

    /**
     * Inserts a contact at version 1, with the id the store assigns or, for {@link IdAssignment#GIVEN}, the id the
     * contact carries ({@link NewContact#id()}).
     *
     * <p>The default handles {@link IdAssignment#STORE} with {@link #insert(NewContact)} and refuses
     * {@link IdAssignment#GIVEN}; stores with {@link StoreFeature#GIVEN_IDS} override it.
     *
     * @return the stored row with all its values
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail, or a given id that is taken (field
     *                                                {@code id}, rule {@code unique})
     * @throws UnsupportedOperationException          for {@link IdAssignment#GIVEN} on a store without
     *                                                {@link StoreFeature#GIVEN_IDS}
     */
    default ContactRow insert(NewContact contact, IdAssignment ids) {
        if (ids == IdAssignment.GIVEN) {
            throw new UnsupportedOperationException("this store does not keep given ids");
        }
        return insert(contact);
    }

    /**
     * Inserts contacts in one batch (JDBC batch or equivalent), at version 1 each.
     *
     * @return the new ids, in input order
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail (within the batch or with a stored contact)
     */
    List<Long> insertAll(List<NewContact> contacts);

    /**
     * Inserts contacts in one batch, as {@link #insertAll(List)} does, with ids assigned as {@code ids} says.
     * The default handles {@link IdAssignment#STORE} and refuses {@link IdAssignment#GIVEN}.
     *
     * @return the ids, in input order
     * @throws UnsupportedOperationException for {@link IdAssignment#GIVEN} on a store without
     *                                       {@link StoreFeature#GIVEN_IDS}
     */
    default List<Long> insertAll(List<NewContact> contacts, IdAssignment ids) {
        if (ids == IdAssignment.GIVEN) {
            throw new UnsupportedOperationException("this store does not keep given ids");
        }
        return insertAll(contacts);
    }

    /**
     * Applies a change if the contact is at the expected version, and increments the version.
     *
     * @return the new version
     * @throws io.roostcrm.core.StaleVersionException if the contact is at another version or no longer exists;
     *                                                nothing is written
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail
     */
    long update(ContactChange change);

    /**
     * Sets the owner ({@code 0} for none) if the contact is at the expected version, and increments the version.
     *
     * @return the new version
     * @throws io.roostcrm.core.StaleVersionException if the contact is at another version or no longer exists
     */
    long setOwner(long contactId, long expectedVersion, long ownerId, java.time.Instant updatedAt);

    /**
     * Deletes a contact and everything attached to it: custom values, notes, reminders, list and tag memberships,
     * and any store-specific rows. A missing id is ignored.
     *
     * @return whether a contact was deleted
     */
    boolean delete(long contactId);

    /**
     * Applies a change as {@link #update(ContactChange)} does and returns what it replaced: the values the changed
     * fields ({@code set} and {@code clear}) had before, unmasked, with the new version. Nothing is written, and
     * nothing returned, when the contact is not at the expected version.
     *
     * <p>The default reads the row before updating it, in this unit of work; a store that can return the old values
     * from the update itself (PostgreSQL's {@code UPDATE … FROM … RETURNING}, H2's {@code OLD TABLE}) overrides it.
     *
     * @throws io.roostcrm.core.StaleVersionException if the contact is at another version or no longer exists
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail
     */
    default ContactReplaced updateReturning(ContactChange change) {
        Set<String> keys = new LinkedHashSet<>(change.set().keySet());
        keys.addAll(change.clear());
        ContactRow before = current(change.contactId(), keys, change.expectedVersion());
        long version = update(change);
        return new ContactReplaced(version, before.ownerId(), FieldValueMap.copyOf(before.values())
                .filterKeys(keys::contains));
    }

    /**
     * Applies changes as {@link #updateReturning(ContactChange)} applies each, one after the other in list order, and
     * returns what each replaced: result {@code i} is that of change {@code i}. A contact may appear more than once;
     * each of its changes then expects the version its change before made, and is given the values that one wrote.
     * Imports with upsert call it once per batch (issue 13), so a store should write the batch in a constant number
     * of statements, not one per change.
     *
     * <p>It is atomic within the unit of work: when it throws, the caller ends the unit of work by that exception,
     * which rolls back whatever of the call the store had applied, so that no change of it remains. Errors are those
     * of {@code updateReturning}: a stale version (another or a future version, or a contact that no longer exists)
     * throws {@link StaleVersionException} naming that contact by its id and the version the change expected, and
     * nothing else.
     *
     * <p>The default calls {@link #updateReturning(ContactChange)} for each change in order, so a store written
     * before this method keeps working; a store that can write the whole batch at once overrides it.
     *
     * @param changes the changes, in the order they apply; not null, without null elements, may be empty
     * @return what each change replaced, in the order of {@code changes}
     * @throws io.roostcrm.core.StaleVersionException if a contact is at another version or no longer exists
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail (with a stored contact or within the
     *                                                batch), or a stage that does not exist
     */
    default List<ContactReplaced> updateAllReturning(List<ContactChange> changes) {
        List<ContactReplaced> replaced = new java.util.ArrayList<>(changes.size());
        for (ContactChange change : changes) {
            replaced.add(updateReturning(change));
        }
        return replaced;
    }

    /**
     * Sets the owner as {@link #setOwner} does and returns the new version with the owner it replaced.
     *
     * @throws io.roostcrm.core.StaleVersionException if the contact is at another version or no longer exists
     */
    default ContactReplaced setOwnerReturning(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
        ContactRow before = current(contactId, Set.of(), expectedVersion);
        long version = setOwner(contactId, expectedVersion, ownerId, updatedAt);
        return new ContactReplaced(version, before.ownerId(), Map.of());
    }

    /**
     * Deletes a contact as {@link #delete(long)} does and returns the row as it was: every value it held, unmasked,
     * for the change log's tombstone.
     *
     * @param fieldKeys every field key whose value the tombstone should carry (the store's standard and custom fields)
     * @return the deleted row, or empty when there was no such contact
     */
    default Optional<ContactRow> deleteReturning(long contactId, List<String> fieldKeys) {
        List<ContactRow> rows = select(ContactSelection.everything(fieldKeys, new Filter.IdIn(Set.of(contactId)), 1));
        if (rows.isEmpty() || !delete(contactId)) {
            return Optional.empty();
        }
        return Optional.of(rows.get(0));
    }

    /** The contact's current row with these fields, or {@link StaleVersionException} unless it is at the version. */
    private ContactRow current(long contactId, Set<String> keys, long expectedVersion) {
        List<ContactRow> rows = select(ContactSelection.everything(List.copyOf(keys),
                new Filter.IdIn(Set.of(contactId)), 1));
        if (rows.isEmpty() || rows.get(0).version() != expectedVersion) {
            throw new StaleVersionException("contact", contactId, expectedVersion);
        }
        return rows.get(0);
    }

    /** The rows a selection asks for, in order, in one statement. */
    List<ContactRow> select(ContactSelection selection);

    /**
     * The ids of contacts whose value of a unique field (e-mail by default) is one of these values; for upserts.
     * For e-mail, values compare case-insensitively.
     *
     * @return value (as given) to contact id, for the values found
     */
    Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values);

    /** How many contacts there are in all. */
    long count();
}
