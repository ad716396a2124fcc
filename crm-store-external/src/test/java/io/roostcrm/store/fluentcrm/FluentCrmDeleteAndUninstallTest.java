package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.NewContact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a contact removes what FluentCRM itself removes (schema §12) plus Roost's side rows, and nothing else;
 * dropping Roost's side tables leaves every FluentCRM row as it was.
 */
class FluentCrmDeleteAndUninstallTest extends FluentCrmTestSupport {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void deleteRemovesWhatFluentCrmRemovesAndKeepsCompanyNotesAndOtherContacts() {
        db.createSequenceTracker(p);
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        long other = tx(store, t -> t.contacts().insert(new NewContact(0, NOW, Map.of("email", "bob@example.com",
                "favorite_color", "Red")))).id();
        seedAssets(1);
        seedAssets(other);
        // A company note whose subscriber_id is a company id that happens to equal the contact's id.
        db.update("INSERT INTO " + p + "fc_subscriber_notes (subscriber_id, status, type, title, description)"
                + " VALUES (1, '_company_note_', 'note', 'Company', 'kept')");
        db.update("INSERT INTO " + p + "fc_subscriber_notes (subscriber_id, status, type, title, description)"
                + " VALUES (0, '_system_log_', 'system_log', 'Log', 'kept')");
        Stage stage = tx(store, t -> t.stages().insert(new Stage(0, "New", 1)));
        tx(store, t -> {
            t.contacts().update(new ContactChange(1, 1, Map.of("stage", stage.id()), Set.of(), NOW));
            t.notes().insert(new Note(0, 1, 2, NoteType.TASK, "Task", "do it", NOW, NOW));
            t.reminders().orElseThrow().insert(new Reminder(0, 1, 2, NOW, "remind", false, NOW));
            return null;
        });
        Map<String, String> otherBefore = rowsOf(other);

        boolean deleted = tx(store, t -> t.contacts().delete(1));

        assertThat(deleted).isTrue();
        for (String table : List.of("fc_subscriber_meta", "fc_subscriber_pivot", "fc_campaign_emails",
                "fc_campaign_url_metrics", "fc_funnel_subscribers", "fc_funnel_metrics", "fc_sequence_tracker")) {
            assertThat(db.value("SELECT COUNT(*) FROM " + p + table + " WHERE subscriber_id = 1")).as(table)
                    .isEqualTo(0L);
        }
        assertThat(db.query("SELECT status FROM " + p + "fc_subscriber_notes WHERE subscriber_id IN (0, 1) ORDER BY id"))
                .extracting(r -> r.get("status")).containsExactly("_company_note_", "_system_log_");
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_subscribers WHERE id = 1")).isEqualTo(0L);
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "roost_contacts WHERE subscriber_id = 1")).isEqualTo(0L);
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "roost_reminders WHERE contact_id = 1")).isEqualTo(0L);
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "roost_notes")).isEqualTo(0L);
        assertThat(rowsOf(other)).isEqualTo(otherBefore);
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_tags")).as("tags themselves stay").isEqualTo(1L);
    }

    @Test
    void deleteWorksOnAnInstallWithoutTheOptionalTables() {
        db.dropTables(p);
        db.createFluentCrmTablesExcept(p, List.of("fc_campaign_emails", "fc_campaign_url_metrics",
                "fc_funnel_subscribers", "fc_funnel_metrics"));
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();

        boolean deleted = tx(store, t -> t.contacts().delete(1));

        assertThat(deleted).isTrue();
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_subscriber_meta")).isEqualTo(0L);
        assertThat(db.value("SELECT COUNT(*) FROM " + p + "fc_subscriber_notes")).isEqualTo(0L);
    }

    @Test
    void dropRoostTablesLeavesEveryFluentCrmRowAndNoRoostTable() {
        FluentCrmRows.insertAda(db, p);
        FluentCrmStore store = open();
        tx(store, t -> {
            t.stages().insert(new Stage(0, "New", 1));
            t.contacts().update(new ContactChange(1, 1, Map.of("company", "Engines", "first_name", "Augusta"),
                    Set.of(), NOW));
            t.contacts().insert(new NewContact(4, NOW, Map.of("email", "grace@example.com", "job_title", "Admiral")));
            t.notes().insert(new Note(0, 1, 2, NoteType.TASK, "Task", "do it", NOW, NOW));
            return null;
        });
        Map<String, String> before = db.checksums(p);
        assertThat(before).containsKeys(p + "fc_subscribers", p + "fc_subscriber_meta", p + "fc_meta");
        if (db.isMariaDb()) {
            before.put("CHECKSUM", checksumTables());
        }

        store.dropRoostTables();

        Map<String, String> after = db.checksums(p);
        if (db.isMariaDb()) {
            after.put("CHECKSUM", checksumTables());
        }
        assertThat(after).isEqualTo(before);
        assertThat(db.tables(p)).noneMatch(t -> t.startsWith(p + "roost_"));
    }

    private String checksumTables() {
        StringBuilder sb = new StringBuilder();
        for (String table : db.tables(p)) {
            if (!table.startsWith(p + "roost_")) {
                sb.append(db.query("CHECKSUM TABLE " + table).get(0)).append('\n');
            }
        }
        return sb.toString();
    }

    private void seedAssets(long id) {
        db.update("INSERT INTO " + p + "fc_campaign_emails (subscriber_id, email_address) VALUES (?, 'x@example.com')", id);
        db.update("INSERT INTO " + p + "fc_campaign_url_metrics (subscriber_id) VALUES (?)", id);
        db.update("INSERT INTO " + p + "fc_funnel_subscribers (funnel_id, subscriber_id) VALUES (1, ?)", id);
        db.update("INSERT INTO " + p + "fc_funnel_metrics (funnel_id, sequence_id, subscriber_id) VALUES (1, 1, ?)", id);
        db.update("INSERT INTO " + p + "fc_sequence_tracker (subscriber_id) VALUES (?)", id);
        db.update("INSERT INTO " + p + "fc_subscriber_pivot (subscriber_id, object_id, object_type) VALUES (?, 1, ?)",
                id, FluentCrmRows.TAG);
        db.update("INSERT INTO " + p + "fc_subscriber_meta (subscriber_id, created_by, object_type, `key`, `value`)"
                + " VALUES (?, 0, 'option', '_secure_hash', 'h')", id);
        db.update("INSERT INTO " + p + "fc_subscriber_notes (subscriber_id, title, description) VALUES (?, 'n', 'd')", id);
    }

    private Map<String, String> rowsOf(long id) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String table : List.of("fc_subscriber_meta", "fc_subscriber_pivot", "fc_campaign_emails",
                "fc_campaign_url_metrics", "fc_funnel_subscribers", "fc_funnel_metrics", "fc_sequence_tracker",
                "fc_subscriber_notes")) {
            out.put(table, db.query("SELECT * FROM " + p + table + " WHERE subscriber_id = ? ORDER BY id", id)
                    .toString());
        }
        out.put("fc_subscribers", db.query("SELECT * FROM " + p + "fc_subscribers WHERE id = ?", id).toString());
        return out;
    }
}
