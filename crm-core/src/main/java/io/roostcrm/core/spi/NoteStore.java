package io.roostcrm.core.spi;

import io.roostcrm.core.contact.Note;

import java.util.List;
import java.util.Optional;

/** Notes on contacts. */
public interface NoteStore {

    /** Inserts a note; its id is ignored. Returns it with its id. */
    Note insert(Note note);

    /**
     * Replaces type, title, body, createdAt and updatedAt of a note.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if no such note
     */
    Note update(Note note);

    /** Deletes a note. A missing id is ignored. */
    boolean delete(long noteId);

    /** One note. */
    Optional<Note> find(long noteId);

    /** A contact's notes, newest first (by createdAt, then id descending). */
    List<Note> of(long contactId);
}
