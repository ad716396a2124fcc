package io.roostcrm.core.spi;

import io.roostcrm.core.query.Filter.GroupKind;

import java.util.Optional;

/**
 * A store's unit of work with a context it did not know about: what the default
 * {@link CrmStore#transactionResult(WorkContext, java.util.function.Function)} hands to the work of a store written
 * before units of work had one.
 */
final class ContextualTransaction implements StoreTransaction {

    private final StoreTransaction delegate;
    private final WorkContext context;

    ContextualTransaction(StoreTransaction delegate, WorkContext context) {
        this.delegate = delegate;
        this.context = context;
    }

    @Override
    public WorkContext context() {
        return context;
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
    public Optional<Epoch> epoch() {
        return delegate.epoch();
    }

    @Override
    public Optional<ChangeLogStore> changeLog() {
        return delegate.changeLog();
    }

    @Override
    public Optional<io.roostcrm.core.spi.AuditStore> audit() {
        return delegate.audit();
    }
}
