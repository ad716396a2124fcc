package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.UtcTimes;
import org.jooq.Field;
import org.jooq.Record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ASSIGNEE_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONTACT_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CREATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DONE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DUE_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.REMINDER_TEXT;

/** Reminders in {@code roost_reminder}. */
public final class JdbcReminderStore extends SubStore implements ReminderStore {

    public JdbcReminderStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public Reminder insert(Reminder reminder) {
        return insert(reminder, IdAssignment.STORE);
    }

    @Override
    public Reminder insert(Reminder reminder, IdAssignment ids) {
        Objects.requireNonNull(reminder, "reminder");
        return run("insert a reminder", () -> {
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(CONTACT_ID, reminder.contactId());
            values.put(ASSIGNEE_ID, reminder.assigneeId());
            values.put(DUE_AT, UtcTimes.toDb(reminder.dueAt()));
            values.put(REMINDER_TEXT, reminder.text());
            values.put(DONE, reminder.done());
            values.put(CREATED_AT, UtcTimes.toDb(reminder.createdAt()));
            // The contact may have been deleted meanwhile by another node: lock it, and let its foreign key refuse
            // an orphan from any other writer.
            if (!lockForReference(tables().contact(), reminder.contactId())) {
                throw new CrmNotFoundException("contact", reminder.contactId());
            }
            long id = guardingParents(() -> insertRow(tables().reminder(), "roost_reminder", ids, reminder.id(),
                    values), key -> new CrmNotFoundException("contact", reminder.contactId()));
            return find(id).orElseThrow();
        });
    }

    @Override
    public Reminder update(Reminder reminder) {
        Objects.requireNonNull(reminder, "reminder");
        return run("update a reminder", () -> {
            int updated = dsl().update(tables().reminder())
                    .set(ASSIGNEE_ID, reminder.assigneeId())
                    .set(DUE_AT, UtcTimes.toDb(reminder.dueAt()))
                    .set(REMINDER_TEXT, reminder.text())
                    .set(DONE, reminder.done())
                    .where(ID.eq(reminder.id())).execute();
            if (updated == 0) {
                throw new CrmNotFoundException("reminder", reminder.id());
            }
            return find(reminder.id()).orElseThrow();
        });
    }

    @Override
    public boolean delete(long reminderId) {
        return run("delete a reminder", () ->
                dsl().deleteFrom(tables().reminder()).where(ID.eq(reminderId)).execute() > 0);
    }

    @Override
    public Optional<Reminder> find(long reminderId) {
        return run("read a reminder", () -> dsl().select(ID, CONTACT_ID, ASSIGNEE_ID, DUE_AT, REMINDER_TEXT, DONE,
                CREATED_AT).from(tables().reminder()).where(ID.eq(reminderId)).fetchOptional()
                .map(JdbcReminderStore::toReminder));
    }

    @Override
    public List<Reminder> of(long contactId) {
        return run("read reminders", () -> dsl().select(ID, CONTACT_ID, ASSIGNEE_ID, DUE_AT, REMINDER_TEXT, DONE,
                        CREATED_AT).from(tables().reminder()).where(CONTACT_ID.eq(contactId))
                .orderBy(DUE_AT, ID).fetch(JdbcReminderStore::toReminder));
    }

    @Override
    public List<Reminder> openFor(long assigneeId) {
        return run("read reminders", () -> dsl().select(ID, CONTACT_ID, ASSIGNEE_ID, DUE_AT, REMINDER_TEXT, DONE,
                        CREATED_AT).from(tables().reminder()).where(ASSIGNEE_ID.eq(assigneeId)).and(DONE.isFalse())
                .orderBy(DUE_AT, ID).fetch(JdbcReminderStore::toReminder));
    }

    private static Reminder toReminder(Record r) {
        return new Reminder(r.get(ID), r.get(CONTACT_ID), r.get(ASSIGNEE_ID), UtcTimes.fromDb(r.get(DUE_AT)),
                r.get(REMINDER_TEXT), r.get(DONE), UtcTimes.fromDb(r.get(CREATED_AT)));
    }
}
