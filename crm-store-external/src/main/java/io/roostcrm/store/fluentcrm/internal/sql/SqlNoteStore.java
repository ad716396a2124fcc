package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteFormat;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.store.fluentcrm.internal.Dialect;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.NoteHtml;
import io.roostcrm.store.fluentcrm.internal.mapping.NoteTypes;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;
import io.roostcrm.store.fluentcrm.internal.mapping.WallClock;
import io.roostcrm.store.fluentcrm.internal.mapping.WordPressText;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notes in {@code fc_subscriber_notes} with {@code status 'open'} (FluentCRM lists only rows whose status is not a
 * company note or system log), the body as HTML ({@link NoteHtml}: plain text escaped, HTML sanitized; read back as
 * plain text when it is text as Roost writes it, else as sanitized HTML), and in {@code roost_notes} the Roost type
 * FluentCRM has no value for (TASK) and the exact instants.
 */
final class SqlNoteStore implements NoteStore {

    /** FluentCRM's global scope on contact notes ({@code SubscriberNote}). */
    private static final String VISIBLE = "n.status NOT IN ('_company_note_', '_system_log_')";

    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final StoreContext context;
    private final Tables t;

    SqlNoteStore(UnitOfWork work) {
        this.work = work;
        this.jdbc = work.jdbc();
        this.context = work.context();
        this.t = work.tables();
    }

    @Override
    public Note insert(Note note) {
        check(note);
        work.lockContact(note.contactId());
        WallClock clock = context.wallClock();
        long id = jdbc.insert("INSERT INTO " + t.notes() + " (subscriber_id, parent_id, created_by, status, type, title,"
                        + " description, created_at, updated_at) VALUES (?, NULL, ?, 'open', ?, ?, ?, ?, ?)",
                note.contactId(), note.authorId(), NoteTypes.toFluent(note.type()), note.title(),
                description(note), clock.format(note.createdAt()), clock.format(note.updatedAt()));
        writeSide(id, note);
        return note.format() == NoteFormat.PLAIN_TEXT ? new Note(id, note.contactId(), note.authorId(), note.type(),
                note.title(), note.body(), note.createdAt(), note.updatedAt()) : find(id).orElseThrow();
    }

    @Override
    public Note update(Note note) {
        check(note);
        Optional<String> fluentType = jdbc.first("SELECT n.type FROM " + t.notes() + " n WHERE n.id = ? AND " + VISIBLE
                + " FOR UPDATE", rs -> Optional.ofNullable(rs.getString(1)).orElse("note"), note.id());
        if (fluentType.isEmpty()) {
            throw new CrmNotFoundException("note", note.id());
        }
        // A FluentCRM type Roost has no name for (quote_sent, ...) reads as NOTE and stays when Roost writes NOTE.
        String type = note.type() == io.roostcrm.core.contact.NoteType.NOTE && !NoteTypes.isRoostType(fluentType.get())
                ? fluentType.get() : NoteTypes.toFluent(note.type());
        WallClock clock = context.wallClock();
        jdbc.update("UPDATE " + t.notes() + " SET type = ?, title = ?, description = ?, created_at = ?, updated_at = ?"
                        + " WHERE id = ?", type, note.title(), description(note),
                clock.format(note.createdAt()), clock.format(note.updatedAt()), note.id());
        writeSide(note.id(), note);
        return find(note.id()).orElseThrow();
    }

    /** FluentCRM's HTML for a body: plain text escaped, HTML sanitized (GH-9). */
    private static String description(Note note) {
        return note.format() == NoteFormat.PLAIN_TEXT ? NoteHtml.toHtml(note.body()) : NoteHtml.sanitize(note.body());
    }

    private void writeSide(long id, Note note) {
        jdbc.update("DELETE FROM " + t.roostNotes() + " WHERE note_id = ?", id);
        jdbc.update("INSERT INTO " + t.roostNotes() + " (note_id, roost_type, created_epoch, created_nanos,"
                        + " updated_epoch, updated_nanos) VALUES (?, ?, ?, ?, ?, ?)", id,
                NoteTypes.needsSideRow(note.type()) ? note.type().name() : null,
                note.createdAt().getEpochSecond(), note.createdAt().getNano(),
                note.updatedAt().getEpochSecond(), note.updatedAt().getNano());
    }

    private static void check(Note note) {
        for (Instant i : List.of(note.createdAt(), note.updatedAt())) {
            if (!WallClock.fitsTimestamp(i)) {
                throw new CrmValidationException(Violation.of("createdAt", "range",
                        "must be between 1970 and 2038 (FluentCRM stores it as a MySQL TIMESTAMP)"));
            }
        }
        if (note.title().length() > 192) {
            throw new CrmValidationException(Violation.of("title", "max_length", "must be at most 192 characters"));
        }
        // FluentCRM's note editor re-saves the title through sanitize_text_field: refuse what it would change (GH-9).
        WordPressText.Sanitizer sanitizer = WordPressText.Sanitizer.TEXT_FIELD;
        sanitizer.change(note.title()).ifPresent(change -> {
            throw new CrmValidationException(Violation.of("title", sanitizer.rule(), change));
        });
    }

    @Override
    public boolean delete(long noteId) {
        jdbc.update("DELETE FROM " + t.roostNotes() + " WHERE note_id = ?", noteId);
        return jdbc.update("DELETE FROM " + t.notes() + " WHERE id = ? AND status NOT IN ('_company_note_',"
                + " '_system_log_')", noteId) > 0;
    }

    @Override
    public Optional<Note> find(long noteId) {
        return jdbc.first(select() + " WHERE n.id = ? AND " + VISIBLE, this::note, noteId);
    }

    @Override
    public List<Note> of(long contactId) {
        return jdbc.query(select() + " WHERE n.subscriber_id = ? AND " + VISIBLE
                + " ORDER BY n.created_at DESC, x.created_nanos DESC, n.id DESC", this::note, contactId);
    }

    private String select() {
        Dialect d = context.dialect();
        return "SELECT n.id, n.subscriber_id, n.created_by, n.type, x.roost_type, n.title, n.description, "
                + d.wallClockText("n.created_at") + ", " + d.wallClockText("n.updated_at")
                + ", x.created_epoch, x.created_nanos, x.updated_epoch, x.updated_nanos FROM " + t.notes()
                + " n LEFT JOIN " + t.roostNotes() + " x ON x.note_id = n.id";
    }

    private Note note(ResultSet rs) throws SQLException {
        WallClock clock = context.wallClock();
        Instant created = InstantColumns.read(rs, 8, 10, clock);
        Instant updated = InstantColumns.readUpdated(rs, 9, 12, created, clock);
        String title = rs.getString(6);
        String description = rs.getString(7);
        // Text as Roost writes it reads back as that text; anything else as the HTML FluentCRM shows, sanitized.
        Optional<String> text = NoteHtml.plainTextOf(description);
        return new Note(rs.getLong(1), rs.getLong(2), rs.getLong(3), NoteTypes.fromFluent(rs.getString(4),
                rs.getString(5)), title == null ? "" : title, text.orElseGet(() -> NoteHtml.sanitize(description)),
                created, updated, text.isPresent() ? NoteFormat.PLAIN_TEXT : NoteFormat.HTML);
    }
}
