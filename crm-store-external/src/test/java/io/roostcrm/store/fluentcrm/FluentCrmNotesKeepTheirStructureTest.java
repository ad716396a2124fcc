package io.roostcrm.store.fluentcrm;

import io.roostcrm.core.Crm;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteFormat;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.permissions.Role;
import io.roostcrm.permissions.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notes FluentCRM's editor wrote keep what FluentCRM shows (GH-9, item 3): they read as sanitized HTML, with a plain
 * text rendering that keeps list items and line breaks on their own lines and links as {@code text (url)}; notes
 * Roost writes read back as the plain text they are.
 */
class FluentCrmNotesKeepTheirStructureTest extends FluentCrmTestSupport {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private Crm crm;
    private CrmSession admin;

    @BeforeEach
    void adaAndACrm() {
        FluentCrmRows.insertAda(db, p);
        crm = Crm.builder().store(open()).closeStoreOnClose(false).build();
        admin = crm.as(new Subject(Long.MAX_VALUE, Set.of(), List.of(Role.superAdmin("root"))));
    }

    @AfterEach
    void closeCrm() {
        crm.close();
    }

    // GH-9: a FluentCRM note <ul><li>One</li><li>Two</li></ul> read in Roost as "OneTwo".
    @Test
    void listFluentCrmWroteReadsAsItsHtmlAndAsOneLinePerItem() {
        long id = fluentCrmNote("note", "Agenda", "<p>Agenda:</p><ul><li>One</li><li>Two</li></ul>");

        Note note = noteOf(id);

        assertThat(note.format()).isEqualTo(NoteFormat.HTML);
        assertThat(note.body()).isEqualTo("<p>Agenda:</p><ul><li>One</li><li>Two</li></ul>");
        assertThat(note.plainText()).isEqualTo("Agenda:\nOne\nTwo");
    }

    // GH-9: a link's URL was dropped ("Quote sent: link").
    @Test
    void linkFluentCrmWroteKeepsItsUrl() {
        long id = fluentCrmNote("quote_sent", "Quote", "Quote sent: <a href=\"https://example.com/quotes/7.pdf\""
                + " target=\"_blank\" rel=\"noopener\">link</a><br />Valid until Friday");

        Note note = noteOf(id);

        assertThat(note.body()).contains("<a href=\"https://example.com/quotes/7.pdf\">link</a>");
        assertThat(note.plainText()).isEqualTo("Quote sent: link (https://example.com/quotes/7.pdf)\nValid until Friday");
    }

    @Test
    void markupThatCouldRunIsNeverReturned() {
        // wp_kses_post would have removed these; a plugin writing the table directly may not.
        long id = fluentCrmNote("note", "Odd", "<p onmouseover=\"steal()\">Hi <a href=\"javascript:steal()\">there"
                + "</a></p><script>steal()</script><iframe src=\"https://evil.example\"></iframe>");

        Note note = noteOf(id);

        assertThat(note.body()).isEqualTo("<p>Hi <a>there</a></p>");
        assertThat(note.plainText()).isEqualTo("Hi there");
    }

    @Test
    void noteRoostWritesReadsBackAsThePlainTextItIs() {
        String body = "Said <hi> & left\nsecond line";
        Note added = admin.notes().add(1, NoteType.CALL, "Called", body, NOW);

        Note read = noteOf(added.id());

        assertThat(read.format()).isEqualTo(NoteFormat.PLAIN_TEXT);
        assertThat(read.body()).isEqualTo(body);
        assertThat(read.plainText()).isEqualTo(body);
    }

    @Test
    void replacingTheBodyOfAnHtmlNoteThroughTheServiceWritesPlainText() {
        long id = fluentCrmNote("note", "Agenda", "<ul><li>One</li><li>Two</li></ul>");

        admin.notes().update(id, NoteType.NOTE, "Agenda", "One & two\nthree");

        assertThat(db.value("SELECT description FROM " + p + "fc_subscriber_notes WHERE id = ?", id))
                .isEqualTo("One &amp; two<br />three");
        assertThat(noteOf(id).format()).isEqualTo(NoteFormat.PLAIN_TEXT);
    }

    @Test
    void htmlNoteWrittenThroughTheStoreIsSanitizedAndStaysHtml() {
        FluentCrmStore store = open();

        Note written = tx(store, t -> t.notes().insert(new Note(0, 1, 1, NoteType.MEETING, "Minutes",
                "<h2 onclick=\"x()\">Minutes</h2><ol><li>Budget</li></ol><script>x()</script>", NOW, NOW,
                NoteFormat.HTML)));

        assertThat(db.value("SELECT description FROM " + p + "fc_subscriber_notes WHERE id = ?", written.id()))
                .isEqualTo("<h2>Minutes</h2><ol><li>Budget</li></ol>");
        Optional<Note> read = tx(store, t -> t.notes().find(written.id()));
        assertThat(read).contains(written);
        assertThat(written.format()).isEqualTo(NoteFormat.HTML);
        assertThat(written.plainText()).isEqualTo("Minutes\nBudget");
    }

    private Note noteOf(long id) {
        return admin.notes().of(1).stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }

    /** A contact note as FluentCRM's note editor writes it (status and is_private from their defaults). */
    private long fluentCrmNote(String type, String title, String description) {
        db.update("INSERT INTO " + p + "fc_subscriber_notes (subscriber_id, parent_id, created_by, type, title,"
                + " description, created_at, updated_at) VALUES (1, NULL, 1, ?, ?, ?, ?, ?)", type, title, description,
                "2026-11-24 10:00:00", "2026-11-24 10:00:00");
        return ((Number) db.value("SELECT MAX(id) FROM " + p + "fc_subscriber_notes")).longValue();
    }
}
