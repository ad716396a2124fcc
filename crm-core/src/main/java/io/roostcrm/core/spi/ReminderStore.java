package io.roostcrm.core.spi;

import io.roostcrm.core.contact.Reminder;

import java.util.List;
import java.util.Optional;

/** Reminders about contacts. */
public interface ReminderStore {

    /**
     * Inserts a reminder; its id is ignored. Returns it with its id.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if its contact does not exist, having been deleted meanwhile by
     *                                               another unit of work perhaps; nothing is written
     */
    Reminder insert(Reminder reminder);

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
    default Reminder insert(Reminder reminder, IdAssignment ids) {
        if (ids == IdAssignment.GIVEN) {
            throw new UnsupportedOperationException("this store does not keep given ids");
        }
        return insert(reminder);
    }

    /**
     * Replaces assignee, due time, text and done flag.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if no such reminder
     */
    Reminder update(Reminder reminder);

    /** Deletes a reminder. A missing id is ignored. */
    boolean delete(long reminderId);

    /** One reminder. */
    Optional<Reminder> find(long reminderId);

    /** A contact's reminders, soonest first (by dueAt, then id). */
    List<Reminder> of(long contactId);

    /** A user's open reminders, soonest first. */
    List<Reminder> openFor(long assigneeId);
}
