package io.roostcrm.core.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * A note on a contact.
 *
 * <p><b>Format.</b> The body is plain text or HTML, as {@link #format()} says. Notes Roost's service writes are
 * {@link NoteFormat#PLAIN_TEXT}, and so is every note built with the constructor without a format. A store whose
 * medium is HTML returns {@link NoteFormat#HTML} for a note it holds as HTML that no plain text stands for exactly (a
 * note FluentCRM's editor wrote, with lists or links), sanitized to formatting markup; the in-memory store keeps the
 * format it was given, and the JDBC store keeps no format (it returns every body as plain text). Callers that show
 * text use {@link #plainText()}; callers that show HTML use the body as it is for {@code HTML} and escape it for
 * {@code PLAIN_TEXT}. The format was added after the other components: it is last, with a default, and the
 * eight-component constructor stays.
 *
 * @param id        the note's id
 * @param contactId the contact it is attached to
 * @param authorId  the user who wrote it ({@code 0} if written by the system or an import)
 * @param type      its kind
 * @param title     a title, at most 190 characters (may be empty)
 * @param body      the text, at most 65,535 characters, in {@code format}: plain text (stores escape it for their
 *                  medium), or sanitized HTML
 * @param createdAt when it happened (may be back-dated)
 * @param updatedAt when it was last changed
 * @param format    how {@code body} is written
 */
public record Note(long id, long contactId, long authorId, NoteType type, String title, String body, Instant createdAt,
                   Instant updatedAt, NoteFormat format) {
    /** Checks the components. */
    public Note {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(format, "format");
    }

    /** A note whose body is plain text ({@link NoteFormat#PLAIN_TEXT}). */
    public Note(long id, long contactId, long authorId, NoteType type, String title, String body, Instant createdAt,
                Instant updatedAt) {
        this(id, contactId, authorId, type, title, body, createdAt, updatedAt, NoteFormat.PLAIN_TEXT);
    }

    /**
     * The body as plain text: a plain-text body as it is; an HTML body as the text it shows, with paragraphs, other
     * blocks, list items and line breaks on lines of their own, table cells separated by a tab, runs of white space
     * as one space (kept inside {@code pre}), a link as {@code text (url)} (only {@code url} when the text is the
     * address), an image as its {@code alt} text, and entities decoded.
     *
     * @return the text, never null
     */
    public String plainText() {
        return format == NoteFormat.PLAIN_TEXT ? body : NotePlainText.of(body);
    }
}
