package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

/**
 * Deletes a contact the way FluentCRM does ({@code Helper::deleteContacts} and
 * {@code Cleanup::deleteSubscribersAssets}, schema §12), plus Roost's side rows, inside the caller's unit of work:
 * its custom and internal meta, its contact notes (never company notes, whose {@code subscriber_id} is a company id,
 * nor system logs), its list, tag and company memberships, its campaign e-mails, URL metrics, funnel rows and
 * sequence tracking (each only where that table exists), the company ownership it held, and the contact row.
 */
final class ContactCascade {

    private final Jdbc jdbc;
    private final StoreContext context;
    private final Tables t;

    ContactCascade(UnitOfWork work) {
        this.jdbc = work.jdbc();
        this.context = work.context();
        this.t = work.tables();
    }

    boolean delete(long id) {
        boolean exists = jdbc.first("SELECT id FROM " + t.subscribers() + " WHERE id = ? FOR UPDATE",
                rs -> rs.getLong(1), id).isPresent();
        if (!exists) {
            return false;
        }
        String contactNote = "subscriber_id = ? AND (status IS NULL OR status NOT IN ('_company_note_', '_system_log_'))";
        jdbc.update("DELETE FROM " + t.roostNotes() + " WHERE note_id IN (SELECT id FROM " + t.notes() + " WHERE "
                + contactNote + ")", id);
        jdbc.update("DELETE FROM " + t.notes() + " WHERE " + contactNote, id);
        jdbc.update("DELETE FROM " + t.subscriberMeta() + " WHERE subscriber_id = ?", id);
        jdbc.update("DELETE FROM " + t.pivot() + " WHERE subscriber_id = ?", id);
        for (String table : Tables.CONTACT_ASSET_TABLES) {
            if (context.hasTable(table)) {
                jdbc.update("DELETE FROM " + t.named(table) + " WHERE subscriber_id = ?", id);
            }
        }
        if (context.hasTable("fc_companies")) {
            // FluentCRM unsets the owner of companies the contact owned (company module).
            jdbc.update("UPDATE " + t.companies() + " SET owner_id = NULL WHERE owner_id = ?", id);
        }
        jdbc.update("DELETE FROM " + t.roostReminders() + " WHERE contact_id = ?", id);
        jdbc.update("DELETE FROM " + t.roostCustomValues() + " WHERE subscriber_id = ?", id);
        jdbc.update("DELETE FROM " + t.roostContacts() + " WHERE subscriber_id = ?", id);
        return jdbc.update("DELETE FROM " + t.subscribers() + " WHERE id = ?", id) > 0;
    }
}
