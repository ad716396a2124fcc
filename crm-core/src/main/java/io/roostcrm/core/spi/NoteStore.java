package io.roostcrm.core.spi;

import io.roostcrm.core.contact.Note;

import java.util.List;
import java.util.Optional;

/** Notes on contacts. */
public interface NoteStore {

    /**
     * Inserts a note; its id is ignored. Returns it with its id.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if its contact does not exist, having been deleted meanwhile by
     *                                               another unit of work perhaps (the two never leave a note behind
     *                                               a deleted contact); nothing is written
     */
    Note insert(Note note);

    /**
     * Inserts as {@code insert} does, with the id the store assigns or, for {@link IdAssignment#GIVEN}, the id the
     * value carries. The default handles {@link IdAssignment#STORE} and refuses {@link IdAssignment#GIVEN}; stores
     * with {@link StoreFeature#GIVEN_IDS} override it.
     *
     * @throws io.roostcrm.core.CrmValidationException for a given id that is taken (field {@code id}, rule
     *                                                {@code unique})
     * @throws UnsupportedOperationException          for {@link IdAssignment#GIVEN} on a store without
     *                                                {@link StoreFeature#GIVEN_IDS}
     */
    default Note insert(Note note, IdAssignment ids) {
        if (ids == IdAssignment.GIVEN) {
            throw new UnsupportedOperationException("this store does not keep given ids");
        }
        return insert(note);
    }

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
