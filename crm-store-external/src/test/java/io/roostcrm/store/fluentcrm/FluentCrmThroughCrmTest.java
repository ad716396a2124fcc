package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Contact;
import io.roostcrm.core.contact.ContactDraft;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** FluentCRM's own rows read through Roost's secured service, and what the service writes is what FluentCRM reads. */
class FluentCrmThroughCrmTest extends FluentCrmTestSupport {

    private static CrmSession root(Crm crm) {
        return crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("root"))));
    }

    @Test
    void adaWrittenByFluentCrmReadsThroughTheServiceWithCustomValuesAndNote() {
        FluentCrmRows.insertAda(db, p);
        try (Crm crm = Crm.builder().store(open()).closeStoreOnClose(false).build()) {
            CrmSession admin = root(crm);

            Contact ada = admin.contacts().get(1);
            List<Note> notes = admin.notes().of(1);

            assertThat(ada.values()).containsAllEntriesOf(Map.of("email", "ada@example.com", "first_name", "Ada",
                    "last_name", "Lovelace", "city", "London", "country", "GB",
                    "date_of_birth", LocalDate.of(1815, 12, 10), "favorite_color", "Blue",
                    "interests", List.of("Java", "Go")));
            assertThat(ada.version()).isEqualTo(1);
            assertThat(notes).singleElement().satisfies(n -> assertThat(n.plainText())
                    .isEqualTo("Talked about engines."));
            assertThat(admin.fields()).extracting(f -> f.key()).contains("favorite_color", "interests");
        }
    }

    @Test
    void contactAndNoteCreatedThroughTheServiceAreFluentCrmRows() {
        FluentCrmRows.insertAda(db, p);
        try (Crm crm = Crm.builder().store(open()).closeStoreOnClose(false).build()) {
            CrmSession admin = root(crm);

            Contact bob = admin.contacts().create(ContactDraft.builder().set("email", "Bob@Example.com")
                    .set("first_name", "Bob").set("interests", List.of("PHP")).build());
            admin.notes().add(bob.id(), NoteType.CALL, "Called", "Said <hi> & left", Instant.parse("2026-05-01T10:00:00Z"));

            Map<String, Object> raw = db.query("SELECT email, hash, status FROM " + p + "fc_subscribers WHERE id = ?",
                    bob.id()).get(0);
            assertThat(raw.get("email")).isEqualTo("bob@example.com");
            assertThat(raw.get("hash")).isEqualTo(io.roostcrm.store.fluentcrm.internal.mapping.Md5.hex("bob@example.com"));
            assertThat(raw.get("status")).isEqualTo("subscribed");
            assertThat(db.value("SELECT `value` FROM " + p + "fc_subscriber_meta WHERE subscriber_id = ? AND `key` ="
                    + " 'interests'", bob.id())).isEqualTo("a:1:{i:0;s:3:\"PHP\";}");
            assertThat(db.query("SELECT type, status, description FROM " + p + "fc_subscriber_notes WHERE"
                    + " subscriber_id = ?", bob.id()).get(0)).containsEntry("type", "call").containsEntry("status", "open")
                    .containsEntry("description", "Said &lt;hi&gt; &amp; left");
        }
    }
}
