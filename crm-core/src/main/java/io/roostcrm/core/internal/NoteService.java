package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Notes: the note rights of the caller's roles within the contact's scope; the author may always change or delete
 * their own note on a contact they can view. A note on a contact the caller cannot see does not exist for them.
 */
final class NoteService implements CrmSession.Notes {

    static final int MAX_TITLE = 190;
    static final int MAX_BODY = 65_535;

    private final DefaultCrmSession session;

    NoteService(DefaultCrmSession session) {
        this.session = session;
    }

    @Override
    public Note add(long contactId, NoteType type, String title, String body, Instant happenedAt) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(happenedAt, "happenedAt");
        Instants.require("happenedAt", happenedAt);
        validate(title, body);
        return session.work("notes.add", call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            if (!access.policy().can(EntityType.NOTE, EntityAction.CREATE, loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(EntityType.NOTE, EntityAction.CREATE, loaded.ownership()).rule(),
                        "you may not add notes to this contact");
            }
            Note note = call.tx().notes().insert(new Note(0, contactId, access.userId(), type, title, body, happenedAt,
                    call.now()));
            call.record(Changes.noteCreated(note));
            return note;
        });
    }

    @Override
    public Note update(long noteId, NoteType type, String title, String body) {
        Objects.requireNonNull(type, "type");
        validate(title, body);
        return session.work("notes.update", call -> {
            Note note = requireChangeable(call, noteId, EntityAction.UPDATE);
            Note updated = call.tx().notes().update(new Note(note.id(), note.contactId(), note.authorId(), type, title,
                    body, note.createdAt(), call.now()));
            call.record(Changes.noteUpdated(note, updated));
            return updated;
        });
    }

    @Override
    public void delete(long noteId) {
        session.work("notes.delete", call -> {
            Note note = requireChangeable(call, noteId, EntityAction.DELETE);
            if (call.tx().notes().delete(noteId)) {
                call.record(Changes.noteDeleted(note));
            }
            return null;
        });
    }

    @Override
    public List<Note> of(long contactId) {
        return session.work("notes.of", call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            if (!access.policy().can(EntityType.NOTE, EntityAction.READ, loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(EntityType.NOTE, EntityAction.READ, loaded.ownership()).rule(),
                        "you may not read this contact's notes");
            }
            return call.tx().notes().of(contactId);
        });
    }

    private static Note requireChangeable(Call call, long noteId, EntityAction action) {
        Note note = call.tx().notes().find(noteId).orElseThrow(() -> new CrmNotFoundException("note", noteId));
        Access.Loaded contact = call.load(note.contactId());
        Access access = call.access();
        if (contact == null) {
            throw new CrmNotFoundException("note", noteId);
        }
        if (!access.policy().canChangeNote(action, note.authorId(), contact.ownership())) {
            throw new CrmPermissionDeniedException(
                    access.policy().explain(EntityType.NOTE, action, contact.ownership()).rule(),
                    "you may not " + (action == EntityAction.UPDATE ? "change" : "delete") + " this note");
        }
        return note;
    }

    private static void validate(String title, String body) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        List<Violation> violations = new ArrayList<>();
        if (title.length() > MAX_TITLE) {
            violations.add(Violation.of("title", "max_length", "must be at most " + MAX_TITLE + " characters"));
        } else {
            TextRules.collect(violations, TextRules.check("title", title, TextRules.Kind.LINE));
        }
        if (body.length() > MAX_BODY) {
            violations.add(Violation.of("body", "max_length", "must be at most " + MAX_BODY + " characters"));
        } else {
            TextRules.collect(violations, TextRules.check("body", body, TextRules.Kind.MULTI_LINE));
        }
        if (title.isBlank() && body.isBlank()) {
            violations.add(Violation.of("body", "required", "is required when there is no title"));
        }
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
    }
}
