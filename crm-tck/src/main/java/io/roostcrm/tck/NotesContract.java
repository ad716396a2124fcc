package io.roostcrm.tck;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.spi.ContactRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.roostcrm.core.field.StandardFields.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Notes carry a contact's history, so they round-trip exactly (every type, back-dated timestamps, long and awkward
 * text), list newest first with the id as tie-break, and update and delete as the note store promises, a missing note
 * being not found.
 */
abstract class NotesContract extends KitSupport {

    NotesContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("insert assigns an id and the note round-trips exactly, text verbatim")
    void noteRoundTrips() {
        givenUsers(7);
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        String body = "<b>bold</b> & 'quoted' \"double\"\n" + SQL_METACHARACTERS + "\n" + LIKE_METACHARACTERS
                + "\n" + UNICODE + "\n" + "y".repeat(60_000);
        Note written = new Note(4_242, ada.id(), 7, NoteType.MEETING, "Title " + UNICODE, body,
                Instant.parse("2019-03-04T05:06:07Z"), Instant.parse("2020-03-04T05:06:07Z"));

        Note inserted = inTransaction(tx -> tx.notes().insert(written));

        Note expected = new Note(inserted.id(), ada.id(), 7, NoteType.MEETING, "Title " + UNICODE, body,
                written.createdAt(), written.updatedAt());
        assertThat(inserted.id()).isPositive();
        assertThat(inserted).isEqualTo(expected);
        assertThat(findNote(inserted.id())).contains(expected);
    }

    @Test
    @DisplayName("every note type and an empty title and system author (0) round-trip")
    void everyNoteTypeRoundTrips() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        List<Note> inserted = new ArrayList<>();
        for (NoteType type : NoteType.values()) {
            inserted.add(inTransaction(tx -> tx.notes().insert(new Note(0, ada.id(), 0, type, "", type.name(),
                    CREATED, CREATED))));
        }

        assertSoftly(softly -> inserted.forEach(note -> softly.assertThat(
                findNote(note.id())).as("%s", note.type()).contains(note)));
    }

    @Test
    @DisplayName("of(contact) lists that contact's notes newest first, then by id descending")
    void notesAreNewestFirst() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        ContactRow grace = insert(values(EMAIL, "grace@example.com"));
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        Note middle = inTransaction(tx -> tx.notes().insert(note(ada.id(), t, "middle")));
        Note oldest = inTransaction(tx -> tx.notes().insert(note(ada.id(), t.minusSeconds(86_400), "oldest")));
        Note newest = inTransaction(tx -> tx.notes().insert(note(ada.id(), t.plusSeconds(1), "newest")));
        Note sameTimeLater = inTransaction(tx -> tx.notes().insert(note(ada.id(), t, "same time, later id")));
        inTransaction(tx -> tx.notes().insert(note(grace.id(), t, "other contact")));

        List<Note> notes = notesOf(ada.id());

        Note[] sameTime = sameTimeLater.id() > middle.id()
                ? new Note[]{sameTimeLater, middle} : new Note[]{middle, sameTimeLater};
        assertThat(notes).containsExactly(newest, sameTime[0], sameTime[1], oldest);
    }

    @Test
    @DisplayName("update replaces type, title, body and timestamps; a missing note is not found")
    void updateReplacesNote() {
        givenUsers(7);
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        Note note = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "before")));
        Note changed = new Note(note.id(), ada.id(), note.authorId(), NoteType.CALL, "after", "new body",
                Instant.parse("2018-01-01T00:00:00Z"), CHANGED);

        Note updated = inTransaction(tx -> tx.notes().update(changed));

        assertThat(updated).isEqualTo(changed);
        assertThat(findNote(note.id())).contains(changed);
        assertThatThrownBy(() -> inTransaction(tx -> tx.notes().update(new Note(987_654_321L, ada.id(), 0,
                NoteType.NOTE, "", "", CREATED, CREATED)))).isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    @DisplayName("delete removes a note and returns true; a missing id returns false")
    void deleteRemovesNote() {
        ContactRow ada = insert(values(EMAIL, "ada@example.com"));
        Note note = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "doomed")));
        Note kept = inTransaction(tx -> tx.notes().insert(note(ada.id(), CREATED, "kept")));

        assertThat(deleteNote(note.id())).isTrue();
        assertThat(deleteNote(note.id())).isFalse();
        assertThat(findNote(note.id())).isEmpty();
        assertThat(notesOf(ada.id())).containsExactly(kept);
    }
}
