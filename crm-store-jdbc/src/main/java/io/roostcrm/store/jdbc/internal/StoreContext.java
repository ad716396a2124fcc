package io.roostcrm.store.jdbc.internal;

import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import io.roostcrm.store.jdbc.internal.store.JdbcFieldStore;
import org.jooq.DSLContext;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every unit of work of one store shares: the database kind, the tables, and a cached snapshot of the contact
 * columns (so a page needs no extra statement to learn the custom field columns). The snapshot is dropped whenever a
 * unit of work changes custom fields, and reloaded by the next one that needs it.
 */
public final class StoreContext {

    private final DatabaseKind kind;
    private final RoostTables tables;
    private final AtomicReference<ContactColumns> columns = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();

    public StoreContext(DatabaseKind kind, RoostTables tables) {
        this.kind = kind;
        this.tables = tables;
    }

    public DatabaseKind kind() {
        return kind;
    }

    public RoostTables tables() {
        return tables;
    }

    /** The cached columns, loading them through this connection if none are cached. */
    public ContactColumns columns(DSLContext dsl) {
        ContactColumns cached = columns.get();
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        ContactColumns loaded = JdbcFieldStore.load(dsl, tables);
        // Publish only if no change to custom fields finished meanwhile: the load may predate it.
        if (generation.get() == before) {
            columns.compareAndSet(null, loaded);
        }
        return loaded;
    }

    /** Forgets the cached columns (after a unit of work that changed custom fields ended, either way). */
    public void invalidateColumns() {
        generation.incrementAndGet();
        columns.set(null);
    }
}
