package io.roostcrm.core.spi;

import io.roostcrm.core.contact.Reminder;

import java.util.List;
import java.util.Optional;

/** Reminders about contacts. */
public interface ReminderStore {

    /** Inserts a reminder; its id is ignored. Returns it with its id. */
    Reminder insert(Reminder reminder);

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
