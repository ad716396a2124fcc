package io.roostcrm.core.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * A note on a contact.
 *
 * @param id        the note's id
 * @param contactId the contact it is attached to
 * @param authorId  the user who wrote it ({@code 0} if written by the system or an import)
 * @param type      its kind
 * @param title     a title, at most 190 characters (may be empty)
 * @param body      the text, at most 65,535 characters (plain text; stores escape it for their medium)
 * @param createdAt when it happened (may be back-dated)
 * @param updatedAt when it was last changed
 */
public record Note(long id, long contactId, long authorId, NoteType type, String title, String body, Instant createdAt,
                   Instant updatedAt) {
    /** Checks the components. */
    public Note {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
