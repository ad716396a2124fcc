package io.roostcrm.core.spi;

import io.roostcrm.core.contact.ContactGroup;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists or tags (one store per kind) and contacts' memberships in them. Adding a membership that exists, or removing
 * one that does not, changes nothing.
 */
public interface GroupStore {

    /**
     * Creates a group; the id of the argument is ignored.
     *
     * @return the stored group with its id
     * @throws io.roostcrm.core.CrmValidationException if the slug is taken (field {@code slug}, rule {@code unique})
     */
    ContactGroup insert(ContactGroup group);

    /**
     * Inserts as {@code insert} does, with the id the store assigns or, for {@link IdAssignment#GIVEN}, the id the
     * value carries. The default handles {@link IdAssignment#STORE} and refuses {@link IdAssignment#GIVEN}; stores
     * with {@link StoreFeature#GIVEN_IDS} override it.
     *
     * @throws io.roostcrm.core.CrmValidationException for a given id that is taken (field {@code id}, rule
     *                                                {@code unique})
     * @throws UnsupportedOperationException          for {@link IdAssignment#GIVEN} on a store without
     *                                                {@link StoreFeature#GIVEN_IDS}
     */
    default ContactGroup insert(ContactGroup group, IdAssignment ids) {
        if (ids == IdAssignment.GIVEN) {
            throw new UnsupportedOperationException("this store does not keep given ids");
        }
        return insert(group);
    }

    /**
     * Replaces name, slug and description.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if no such group
     */
    ContactGroup update(ContactGroup group);

    /** Deletes a group and its memberships. A missing id is ignored. */
    boolean delete(long groupId);

    /** One group. */
    Optional<ContactGroup> find(long groupId);

    /** All groups, by name. */
    List<ContactGroup> all();

    /**
     * Adds a contact to a group.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if the contact or the group does not exist, having been deleted
     *                                               meanwhile by another unit of work perhaps (no membership outlives
     *                                               either); nothing is written
     */
    void add(long contactId, long groupId);

    /** Removes a contact from a group. */
    void remove(long contactId, long groupId);

    /** The groups of each of these contacts (contacts with none are absent or map to an empty set). */
    Map<Long, Set<Long>> groupsOf(Collection<Long> contactIds);
}
