package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.SqlErrors;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.PURPOSE;

/** What the sub-stores share: the unit of work, and the translation of database failures at the SPI boundary. */
abstract class SubStore {

    /** Keeps IN lists and multi-row inserts well under every database's bind-parameter limit. */
    static final int CHUNK = 1_000;

    final JdbcStoreTransaction tx;

    SubStore(JdbcStoreTransaction tx) {
        this.tx = tx;
    }

    DSLContext dsl() {
        return tx.dsl();
    }

    RoostTables tables() {
        return tx.tables();
    }

    /** Runs a store operation, translating database failures; Roost's own exceptions pass unchanged. */
    <T> T run(String operation, Supplier<T> body) {
        return run(operation, Optional.empty(), body);
    }

    /** As {@link #run(String, Supplier)}, naming the field an unrecognised unique violation is about. */
    <T> T run(String operation, Optional<String> uniqueField, Supplier<T> body) {
        dsl(); // fails once the unit of work has ended
        try {
            return body.get();
        } catch (DataAccessException e) {
            // The cached custom field columns may be stale (a field removed through another store instance): the
            // next unit of work reloads them.
            tx.storeContext().invalidateColumns();
            throw SqlErrors.translate(e, operation, uniqueField);
        }
    }

    /**
     * Locks a row another row is about to refer to (a contact a note belongs to, a stage a contact is moved to), for
     * the rest of the transaction, so that a unit of work deleting it at the same moment waits for this one or this
     * one for it: shared where the database has such a lock (PostgreSQL's KEY SHARE, MariaDB's SHARE MODE), else
     * exclusive (H2). The foreign keys alone do not suffice: H2 checks them without a lock, and on MariaDB a delete
     * that reached the children first deadlocks with the insert.
     *
     * @return whether the row exists (when not, nothing was locked and the caller refuses the write)
     */
    boolean lockForReference(Table<Record> table, long id) {
        var select = dsl().select(ID).from(table).where(ID.eq(id));
        return switch (tx.kind()) {
            case POSTGRESQL -> select.forKeyShare().fetchOptional().isPresent();
            case MARIADB, MYSQL -> select.forShare().fetchOptional().isPresent();
            case H2 -> select.forUpdate().fetchOptional().isPresent();
        };
    }

    /** Locks a row that is about to be deleted, before anything that refers to it (see {@link #lockForReference}). */
    boolean lockForDelete(Table<Record> table, long id) {
        return dsl().select(ID).from(table).where(ID.eq(id)).forUpdate().fetchOptional().isPresent();
    }

    /**
     * Runs a write whose parent rows may have gone meanwhile (deleted by a unit of work on another node that
     * committed first): a broken foreign key becomes the exception {@code missing} gives for its name.
     */
    <T> T guardingParents(Supplier<T> body, java.util.function.Function<String, RuntimeException> missing) {
        try {
            return body.get();
        } catch (DataAccessException e) {
            Optional<String> key = SqlErrors.brokenForeignKey(e);
            if (key.isPresent()) {
                RuntimeException refusal = missing.apply(key.get());
                if (refusal != null) {
                    throw refusal;
                }
            }
            throw e;
        }
    }

    /**
     * A number never handed out before, even by a transaction that rolled back (an identity value): for custom field
     * column names and generated user ids.
     */
    long nextNumber(String purpose) {
        Long number = dsl().insertInto(tables().counter(), PURPOSE).values(purpose).returningResult(ID).fetchOne()
                .value1();
        return number;
    }

    /**
     * Inserts a row and returns its id: the one the identity column assigns, or, for {@link IdAssignment#GIVEN}, the
     * given one (refused as a unique violation on field {@code id} when taken), after which the identity column is
     * moved past it so that the ids it assigns later never collide.
     */
    long insertRow(Table<Record> table, String tableName, IdAssignment ids, long givenId, Map<Field<?>, Object> values) {
        if (ids == IdAssignment.GIVEN) {
            if (dsl().fetchExists(table, ID.eq(givenId))) {
                throw new CrmValidationException(Violation.of("id", "unique", "must be unique"));
            }
            Map<Field<?>, Object> withId = new LinkedHashMap<>();
            withId.put(ID, givenId);
            withId.putAll(values);
            dsl().insertInto(table).set(withId).execute();
            advanceIdentity(table, tableName, givenId);
            return givenId;
        }
        return dsl().insertInto(table).set(values).returningResult(ID).fetchOne().value1();
    }

    /**
     * Moves a table's identity column past an id inserted by hand. MariaDB does this by itself; PostgreSQL and H2
     * keep their identity where it was, and their adjustment takes effect at once, outside the transaction, as
     * sequences do (so a rolled-back restore leaves a gap, never a collision).
     */
    void advanceIdentity(Table<Record> table, String tableName, long usedId) {
        switch (tx.kind()) {
            case MARIADB, MYSQL -> { }
            case POSTGRESQL -> {
                String qualified = dsl().render(table);
                dsl().resultQuery("select setval(s, greatest({0}, coalesce(pg_sequence_last_value(s), 0)))"
                        + " from (select pg_get_serial_sequence({1}, 'id')::regclass as s) q",
                        DSL.val(usedId), DSL.val(qualified)).fetch();
            }
            case H2 -> {
                Long next = dsl().resultQuery("select identity_base from information_schema.columns"
                        + " where table_schema = coalesce({0}, current_schema) and table_name = {1}"
                        + " and column_name = 'ID'", DSL.val(tables().schemaName().orElse(null), String.class),
                        DSL.val(tableName.toUpperCase(Locale.ROOT))).fetchOne(0, Long.class);
                if (next == null || next <= usedId) {
                    dsl().query("alter table {0} alter column id restart with {1}", table,
                            DSL.inline(usedId + 1)).execute();
                }
            }
        }
    }

    static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, items.size()));
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
