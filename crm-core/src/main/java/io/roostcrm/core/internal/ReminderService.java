package io.roostcrm.core.internal;

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
        Access access = session.access();
        Instant now = session.now();
        return session.work(tx -> {
            access.require(tx, contactId);
            User assignee = tx.users().find(assigneeId).orElse(null);
            if (assignee == null || !assignee.active()) {
                throw new CrmValidationException(Violation.of("assignee", "unknown_user", "must be an active user"));
            }
            return tx.reminders().insert(new Reminder(0, contactId, assigneeId, dueAt, text, false, now));
        });
    }

    @Override
    public Reminder complete(long reminderId) {
        Access access = session.access();
        return session.work(tx -> {
            Reminder r = requireVisible(tx, access, reminderId);
            return tx.reminders().update(new Reminder(r.id(), r.contactId(), r.assigneeId(), r.dueAt(), r.text(), true,
                    r.createdAt()));
        });
    }

    @Override
    public void delete(long reminderId) {
        Access access = session.access();
        session.work(tx -> {
            requireVisible(tx, access, reminderId);
            return tx.reminders().delete(reminderId);
        });
    }

    @Override
    public List<Reminder> of(long contactId) {
        Access access = session.access();
        return session.work(tx -> {
            access.require(tx, contactId);
            return tx.reminders().of(contactId);
        });
    }

    @Override
    public List<Reminder> mine() {
        Access access = session.access();
        return session.work(tx -> {
            List<Reminder> open = tx.reminders().openFor(access.userId());
            if (open.isEmpty()) {
                return List.of();
            }
            Set<Long> contactIds = new HashSet<>();
            open.forEach(r -> contactIds.add(r.contactId()));
            // One select for all: which of these contacts the user can see.
            List<ContactRow> rows = tx.contacts().select(new ContactSelection(access.viewPredicate(), Map.of(),
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

    private static Reminder requireVisible(StoreTransaction tx, Access access, long reminderId) {
        Reminder reminder = tx.reminders().find(reminderId)
                .orElseThrow(() -> new CrmNotFoundException("reminder", reminderId));
        if (access.load(tx, reminder.contactId()) == null) {
            throw new CrmNotFoundException("reminder", reminderId);
        }
        return reminder;
    }
}
