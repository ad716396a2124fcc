package io.roostcrm.store.fluentcrm.internal.sql;

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
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;

import java.util.Objects;

/** The sub-stores of one unit of work, all on its connection. Valid only while the work runs. */
public final class SqlTransaction implements StoreTransaction {

    private final UnitOfWork work;
    private boolean closed;

    /** On a connection whose transaction the caller manages. */
    public SqlTransaction(Jdbc jdbc, StoreContext context) {
        this.work = new UnitOfWork(jdbc, context);
    }

    /** Ends the use of this transaction's sub-stores. */
    public void close() {
        closed = true;
    }

    private UnitOfWork work() {
        if (closed) {
            throw new IllegalStateException("the unit of work has ended; sub-stores must not be used after it");
        }
        return work;
    }

    @Override
    public ContactStore contacts() {
        return new SqlContactStore(work());
    }

    @Override
    public FieldStore fields() {
        return new SqlFieldStore(work());
    }

    @Override
    public GroupStore groups(GroupKind kind) {
        return new SqlGroupStore(work(), Objects.requireNonNull(kind, "kind"));
    }

    @Override
    public NoteStore notes() {
        return new SqlNoteStore(work());
    }

    @Override
    public ReminderStore reminders() {
        return new SqlReminderStore(work());
    }

    @Override
    public StageStore stages() {
        return new SqlStageStore(work());
    }

    @Override
    public UserStore users() {
        return new SqlUserStore(work());
    }

    @Override
    public RoleStore roles() {
        return new SqlRoleStore(work());
    }

    /** The custom field definitions as read in this unit of work (validates them). */
    public int customFieldCount() {
        return work().catalog().fields().size();
    }
}
