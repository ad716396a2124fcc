package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reminders: FluentCRM has none, so they live in Roost's side table {@code roost_reminders}, instants exact. */
final class SqlReminderStore implements ReminderStore {

    private static final String COLUMNS = "id, contact_id, assignee_id, due_epoch, due_nanos, body, done,"
            + " created_epoch, created_nanos";

    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final Tables t;

    SqlReminderStore(UnitOfWork work) {
        this.work = work;
        this.jdbc = work.jdbc();
        this.t = work.tables();
    }

    @Override
    public Reminder insert(Reminder r) {
        work.lockContact(r.contactId());
        long id = jdbc.insert("INSERT INTO " + t.roostReminders() + " (contact_id, assignee_id, due_epoch, due_nanos,"
                        + " body, done, created_epoch, created_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                r.contactId(), r.assigneeId(), r.dueAt().getEpochSecond(), r.dueAt().getNano(), r.text(), r.done(),
                r.createdAt().getEpochSecond(), r.createdAt().getNano());
        return new Reminder(id, r.contactId(), r.assigneeId(), r.dueAt(), r.text(), r.done(), r.createdAt());
    }

    @Override
    public Reminder update(Reminder r) {
        int n = jdbc.update("UPDATE " + t.roostReminders() + " SET assignee_id = ?, due_epoch = ?, due_nanos = ?,"
                        + " body = ?, done = ? WHERE id = ?", r.assigneeId(), r.dueAt().getEpochSecond(),
                r.dueAt().getNano(), r.text(), r.done(), r.id());
        if (n == 0) {
            throw new CrmNotFoundException("reminder", r.id());
        }
        return find(r.id()).orElseThrow();
    }

    @Override
    public boolean delete(long reminderId) {
        return jdbc.update("DELETE FROM " + t.roostReminders() + " WHERE id = ?", reminderId) > 0;
    }

    @Override
    public Optional<Reminder> find(long reminderId) {
        return jdbc.first("SELECT " + COLUMNS + " FROM " + t.roostReminders() + " WHERE id = ?", SqlReminderStore::row,
                reminderId);
    }

    @Override
    public List<Reminder> of(long contactId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + t.roostReminders() + " WHERE contact_id = ?"
                + " ORDER BY due_epoch, due_nanos, id", SqlReminderStore::row, contactId);
    }

    @Override
    public List<Reminder> openFor(long assigneeId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + t.roostReminders() + " WHERE assignee_id = ? AND done = ?"
                + " ORDER BY due_epoch, due_nanos, id", SqlReminderStore::row, assigneeId, false);
    }

    private static Reminder row(ResultSet rs) throws SQLException {
        return new Reminder(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                Instant.ofEpochSecond(rs.getLong(4), rs.getInt(5)), rs.getString(6), rs.getBoolean(7),
                Instant.ofEpochSecond(rs.getLong(8), rs.getInt(9)));
    }
}
