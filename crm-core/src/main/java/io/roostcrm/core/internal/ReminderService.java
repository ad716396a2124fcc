package io.roostcrm.core.internal;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.query.Filter;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.Keyset;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.StoreTransaction;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reminders, governed by the view scope of the contact they are about. */
final class ReminderService implements CrmSession.Reminders {

    static final int MAX_TEXT = 1_000;

    private final DefaultCrmSession session;

    ReminderService(DefaultCrmSession session) {
        this.session = session;
    }

    @Override
    public Reminder add(long contactId, long assigneeId, Instant dueAt, String text) {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(text, "text");
        Instants.require("dueAt", dueAt);
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new CrmValidationException(Violation.of("text", "length", "must be 1 to " + MAX_TEXT + " characters"));
        }
        TextRules.require(TextRules.check("text", text, TextRules.Kind.MULTI_LINE));
        return session.work("reminders.add", call -> {
            call.require(contactId);
            StoreTransaction tx = call.tx();
            User assignee = tx.users().find(assigneeId).orElse(null);
            if (assignee == null || !assignee.active()) {
                throw new CrmValidationException(Violation.of("assignee", "unknown_user", "must be an active user"));
            }
            Reminder reminder = reminders(tx).insert(new Reminder(0, contactId, assigneeId, dueAt, text, false,
                    call.now()));
            call.record(Changes.reminderCreated(reminder));
            return reminder;
        });
    }

    @Override
    public Reminder complete(long reminderId) {
        return session.work("reminders.complete", call -> {
            Reminder r = requireVisible(call, reminderId);
            Reminder done = reminders(call.tx()).update(new Reminder(r.id(), r.contactId(), r.assigneeId(), r.dueAt(),
                    r.text(), true, r.createdAt()));
            call.record(Changes.reminderUpdated(r, done));
            return done;
        });
    }

    @Override
    public void delete(long reminderId) {
        session.work("reminders.delete", call -> {
            Reminder reminder = requireVisible(call, reminderId);
            if (reminders(call.tx()).delete(reminderId)) {
                call.record(Changes.reminderDeleted(reminder));
            }
            return null;
        });
    }

    @Override
    public List<Reminder> of(long contactId) {
        return session.work("reminders.of", call -> {
            call.require(contactId);
            return reminders(call.tx()).of(contactId);
        });
    }

    @Override
    public List<Reminder> mine() {
        return session.work("reminders.mine", call -> {
            Access access = call.access();
            StoreTransaction tx = call.tx();
            List<Reminder> open = reminders(tx).openFor(access.userId());
            if (open.isEmpty()) {
                return List.of();
            }
            Set<Long> contactIds = new HashSet<>();
            open.forEach(r -> contactIds.add(r.contactId()));
            // One select for all: which of these contacts the user can see.
            List<ContactRow> rows = call.select(a -> new ContactSelection(a.viewPredicate(), Map.of(),
                    new Filter.IdIn(contactIds), List.of(), Keyset.start(), contactIds.size()));
            Map<Long, Set<Long>> teams = access.ownerTeams(tx, rows);
            Set<Long> visible = new HashSet<>();
            for (ContactRow row : rows) {
                if (access.policy().canView(Access.ownership(row.ownerId(), teams))) {
                    visible.add(row.id());
                }
            }
            return open.stream().filter(r -> visible.contains(r.contactId())).toList();
        });
    }

    private static Reminder requireVisible(Call call, long reminderId) {
        Reminder reminder = reminders(call.tx()).find(reminderId)
                .orElseThrow(() -> new CrmNotFoundException("reminder", reminderId));
        if (call.load(reminder.contactId()) == null) {
            throw new CrmNotFoundException("reminder", reminderId);
        }
        return reminder;
    }

    /** The store's reminders; a store without them refuses every reminder call. */
    private static ReminderStore reminders(StoreTransaction tx) {
        return tx.reminders().orElseThrow(() -> new CrmConfigurationException("this store does not keep reminders"));
    }
}
