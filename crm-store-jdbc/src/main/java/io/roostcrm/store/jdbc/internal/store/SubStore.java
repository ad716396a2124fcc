package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import io.roostcrm.store.jdbc.internal.SqlErrors;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
            tx.context().invalidateColumns();
            throw SqlErrors.translate(e, operation, uniqueField);
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
