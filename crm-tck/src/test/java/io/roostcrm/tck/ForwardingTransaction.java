package io.roostcrm.tck;

import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.core.spi.WorkContext;

import java.util.Objects;
import java.util.Optional;

/** Forwards every sub-store to another unit of work; the test stores override only the sub-stores they alter. */
public class ForwardingTransaction implements StoreTransaction {

    private final StoreTransaction delegate;

    /** Forwards to this unit of work. */
    public ForwardingTransaction(StoreTransaction delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public WorkContext context() {
        return delegate.context();
    }

    @Override
    public Optional<Epoch> epoch() {
        return delegate.epoch();
    }

    @Override
    public Optional<SettingStore> settings() {
        return delegate.settings();
    }

    @Override
    public Optional<SecurityStore> security() {
        return delegate.security();
    }

    @Override
    public Optional<ChangeLogStore> changeLog() {
        return delegate.changeLog();
    }

    @Override
    public ContactStore contacts() {
        return delegate.contacts();
    }

    @Override
    public FieldStore fields() {
        return delegate.fields();
    }

    @Override
    public GroupStore groups(GroupKind kind) {
        return delegate.groups(kind);
    }

    @Override
    public NoteStore notes() {
        return delegate.notes();
    }

    @Override
    public Optional<ReminderStore> reminders() {
        return delegate.reminders();
    }

    @Override
    public StageStore stages() {
        return delegate.stages();
    }

    @Override
    public UserStore users() {
        return delegate.users();
    }

    @Override
    public RoleStore roles() {
        return delegate.roles();
    }

    @Override
    public Optional<io.roostcrm.core.spi.AuditStore> audit() {
        return delegate.audit();
    }
}
