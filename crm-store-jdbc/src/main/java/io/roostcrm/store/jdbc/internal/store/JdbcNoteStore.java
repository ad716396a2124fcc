package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.NoteType;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.UtcTimes;
import org.jooq.Field;
import org.jooq.Record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.AUTHOR_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.BODY;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONTACT_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CREATED_AT;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.NOTE_TYPE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.TITLE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.UPDATED_AT;

/** Notes in {@code roost_note}. */
public final class JdbcNoteStore extends SubStore implements NoteStore {

    public JdbcNoteStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public Note insert(Note note) {
        return insert(note, IdAssignment.STORE);
    }

    @Override
    public Note insert(Note note, IdAssignment ids) {
        Objects.requireNonNull(note, "note");
        return run("insert a note", () -> {
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(CONTACT_ID, note.contactId());
            values.put(AUTHOR_ID, note.authorId());
            values.put(NOTE_TYPE, note.type().name());
            values.put(TITLE, note.title());
            values.put(BODY, note.body());
            values.put(CREATED_AT, UtcTimes.toDb(note.createdAt()));
            values.put(UPDATED_AT, UtcTimes.toDb(note.updatedAt()));
            // The contact may have been deleted meanwhile by another node: lock it, and let its foreign key refuse
            // an orphan from any other writer.
            if (!lockForReference(tables().contact(), note.contactId())) {
                throw new CrmNotFoundException("contact", note.contactId());
            }
            long id = guardingParents(() -> insertRow(tables().note(), "roost_note", ids, note.id(), values),
                    key -> new CrmNotFoundException("contact", note.contactId()));
            return find(id).orElseThrow();
        });
    }

    @Override
    public Note update(Note note) {
        Objects.requireNonNull(note, "note");
        return run("update a note", () -> {
            int updated = dsl().update(tables().note())
                    .set(NOTE_TYPE, note.type().name())
                    .set(TITLE, note.title())
                    .set(BODY, note.body())
                    .set(CREATED_AT, UtcTimes.toDb(note.createdAt()))
                    .set(UPDATED_AT, UtcTimes.toDb(note.updatedAt()))
                    .where(ID.eq(note.id())).execute();
            if (updated == 0) {
                throw new CrmNotFoundException("note", note.id());
            }
            return find(note.id()).orElseThrow();
        });
    }

    @Override
    public boolean delete(long noteId) {
        return run("delete a note", () -> dsl().deleteFrom(tables().note()).where(ID.eq(noteId)).execute() > 0);
    }

    @Override
    public Optional<Note> find(long noteId) {
        return run("read a note", () -> dsl().select(ID, CONTACT_ID, AUTHOR_ID, NOTE_TYPE, TITLE, BODY, CREATED_AT,
                UPDATED_AT).from(tables().note()).where(ID.eq(noteId)).fetchOptional().map(JdbcNoteStore::toNote));
    }

    @Override
    public List<Note> of(long contactId) {
        return run("read notes", () -> dsl().select(ID, CONTACT_ID, AUTHOR_ID, NOTE_TYPE, TITLE, BODY, CREATED_AT,
                        UPDATED_AT).from(tables().note()).where(CONTACT_ID.eq(contactId))
                .orderBy(CREATED_AT.desc(), ID.desc()).fetch(JdbcNoteStore::toNote));
    }

    private static Note toNote(Record r) {
        return new Note(r.get(ID), r.get(CONTACT_ID), r.get(AUTHOR_ID), NoteType.valueOf(r.get(NOTE_TYPE)),
                r.get(TITLE), r.get(BODY), UtcTimes.fromDb(r.get(CREATED_AT)), UtcTimes.fromDb(r.get(UPDATED_AT)));
    }
}
