package io.roostcrm.store.jdbc.internal;

import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import io.roostcrm.store.jdbc.internal.store.JdbcContactStore;
import io.roostcrm.store.jdbc.internal.store.JdbcFieldStore;
import io.roostcrm.store.jdbc.internal.store.JdbcGroupStore;
import io.roostcrm.store.jdbc.internal.store.JdbcNoteStore;
import io.roostcrm.store.jdbc.internal.store.JdbcReminderStore;
import io.roostcrm.store.jdbc.internal.store.JdbcRoleStore;
import io.roostcrm.store.jdbc.internal.store.JdbcStageStore;
import io.roostcrm.store.jdbc.internal.store.JdbcUserStore;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.Objects;

/**
 * One unit of work: the transaction's own {@link DSLContext} (never the store's), and the sub-stores over it. Not
 * thread-safe, like the transaction it wraps; unusable once the work has returned.
 */
public final class JdbcStoreTransaction implements StoreTransaction {

    private final DSLContext dsl;
    private final StoreContext context;
    private ContactColumns changedColumns;
    private boolean fieldsChanged;
    private boolean open = true;

    public JdbcStoreTransaction(DSLContext dsl, StoreContext context) {
        this.dsl = dsl;
        this.context = context;
    }

    /** The transaction's DSL; fails once the unit of work is over. */
    public DSLContext dsl() {
        if (!open) {
            throw new IllegalStateException("the unit of work has ended; sub-stores cannot be used after it");
        }
        return dsl;
    }

    public StoreContext context() {
        return context;
    }

    public RoostTables tables() {
        return context.tables();
    }

    public DatabaseKind kind() {
        return context.kind();
    }

    /** The contact columns as this unit of work sees them (including its own custom field changes). */
    public ContactColumns columns() {
        return changedColumns != null ? changedColumns : context.columns(dsl());
    }

    /**
     * The contact columns, reloaded first if one of these keys is missing from the cached snapshot: another store
     * instance (another node) may have defined the field since the snapshot was taken.
     */
    public ContactColumns columns(Collection<String> keys) {
        ContactColumns columns = columns();
        for (String key : keys) {
            if (columns.find(key).isEmpty()) {
                if (changedColumns == null) {
                    context.invalidateColumns();
                    columns = context.columns(dsl());
                }
                break;
            }
        }
        return columns;
    }

    /** Records that custom fields changed in this unit of work, with the columns as they now are. */
    public void fieldsChanged(ContactColumns now) {
        fieldsChanged = true;
        changedColumns = now;
    }

    /** Whether custom fields changed (the shared column cache must then be dropped, commit or not). */
    public boolean hasChangedFields() {
        return fieldsChanged;
    }

    /** Ends the unit of work for its sub-stores. */
    public void end() {
        open = false;
    }

    @Override
    public ContactStore contacts() {
        return new JdbcContactStore(this);
    }

    @Override
    public FieldStore fields() {
        return new JdbcFieldStore(this);
    }

    @Override
    public GroupStore groups(GroupKind kind) {
        return new JdbcGroupStore(this, Objects.requireNonNull(kind, "kind"));
    }

    @Override
    public NoteStore notes() {
        return new JdbcNoteStore(this);
    }

    @Override
    public ReminderStore reminders() {
        return new JdbcReminderStore(this);
    }

    @Override
    public StageStore stages() {
        return new JdbcStageStore(this);
    }

    @Override
    public UserStore users() {
        return new JdbcUserStore(this);
    }

    @Override
    public RoleStore roles() {
        return new JdbcRoleStore(this);
    }
}
