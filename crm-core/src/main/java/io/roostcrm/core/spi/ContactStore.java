package io.roostcrm.core.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Contacts: their standard and custom field values, owner and version.
 *
 * <p>E-mail is unique among contacts, compared case-insensitively (the service stores it lower-cased); a write that
 * would break that throws {@link io.roostcrm.core.CrmValidationException} with a violation on field {@code email},
 * rule {@code unique}, and writes nothing.
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
     * Inserts contacts in one batch (JDBC batch or equivalent), at version 1 each.
     *
     * @return the new ids, in input order
     * @throws io.roostcrm.core.CrmValidationException on a duplicate e-mail (within the batch or with a stored contact)
     */
    List<Long> insertAll(List<NewContact> contacts);

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
