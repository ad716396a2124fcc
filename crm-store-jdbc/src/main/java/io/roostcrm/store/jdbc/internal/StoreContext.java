package io.roostcrm.store.jdbc.internal;

import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import io.roostcrm.store.jdbc.internal.store.JdbcEpoch;
import io.roostcrm.store.jdbc.internal.store.JdbcFieldStore;
import io.roostcrm.core.spi.Epoch;
import org.jooq.DSLContext;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every unit of work of one store shares: the database kind, the tables, a cached snapshot of the contact
 * columns (so a page needs no extra statement to learn the custom field columns), and the epoch this store last
 * read in full. The column snapshot is dropped whenever a unit of work changes custom fields, and whenever a unit of
 * work sees an epoch other than the one the snapshot was valid for (another node changed fields); the next unit of
 * work that needs it reloads it. Neither cache decides anything: the epoch is read from the database by every unit
 * of work that asks, and a stale column snapshot can only make a statement fail, never show a value.
 */
public final class StoreContext {

    private final DatabaseKind kind;
    private final RoostTables tables;
    private final AtomicReference<Columns> columns = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile EpochRead lastEpoch;

    /** An epoch and the version it was read at. */
    private record EpochRead(long version, Epoch epoch) {
    }

    /** The contact columns as loaded, and the epoch version they were loaded at. */
    private record Columns(long epochVersion, ContactColumns columns) {
    }

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
        Columns cached = columns.get();
        if (cached != null) {
            return cached.columns();
        }
        long before = generation.get();
        // The version first: the definitions read after it are at least that new, so a unit of work that later sees
        // another version knows to drop them.
        long version = JdbcEpoch.read(dsl, tables).version();
        ContactColumns loaded = JdbcFieldStore.load(dsl, tables);
        // Publish only if no change to custom fields finished meanwhile: the load may predate it.
        if (generation.get() == before) {
            columns.compareAndSet(null, new Columns(version, loaded));
        }
        return loaded;
    }

    /** The epoch of this version, if this store has read it in full. */
    public Optional<Epoch> knownEpoch(long version) {
        EpochRead last = lastEpoch;
        return last != null && last.version() == version ? Optional.of(last.epoch()) : Optional.empty();
    }

    /** A unit of work read the epoch in full. */
    public void epochRead(long version, Epoch epoch) {
        lastEpoch = new EpochRead(version, epoch);
        epochVersionSeen(version);
    }

    /**
     * A unit of work saw this epoch version (with a select, or reading the epoch): when the cached columns were
     * loaded at another one, something changed since, perhaps the fields, and they are dropped.
     */
    public void epochVersionSeen(long version) {
        Columns cached = columns.get();
        if (cached != null && cached.epochVersion() != version) {
            invalidateColumns();
        }
    }

    /** Forgets the cached columns (after a unit of work that changed custom fields ended, either way). */
    public void invalidateColumns() {
        generation.incrementAndGet();
        columns.set(null);
    }
}
