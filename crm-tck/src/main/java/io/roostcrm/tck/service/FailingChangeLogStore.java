package io.roostcrm.tck.service;

import io.roostcrm.core.CrmStoreException;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntry;
import io.roostcrm.core.spi.ChangeLogStore;
import io.roostcrm.core.spi.ChangeQuery;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.CrmStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.core.spi.StoreCapabilities;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.core.spi.WorkContext;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real store whose change log fails every append, as a database would fail the entry's insert: the fault the kit
 * injects after a change and before its entry, to show that the change rolls back with it. Everything else is the
 * store's own.
 */
final class FailingChangeLogStore implements CrmStore {

    static final String MESSAGE = "injected change-log failure";

    private final CrmStore delegate;

    FailingChangeLogStore(CrmStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public <T> T transactionResult(Function<StoreTransaction, T> work) {
        return delegate.transactionResult(tx -> work.apply(new Failing(tx)));
    }

    @Override
    public <T> T transactionResult(WorkContext context, Function<StoreTransaction, T> work) {
        return delegate.transactionResult(context, tx -> work.apply(new Failing(tx)));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static final class Failing implements StoreTransaction {
        private final StoreTransaction tx;

        Failing(StoreTransaction tx) {
            this.tx = tx;
        }

        @Override
        public Optional<SettingStore> settings() {
            return tx.settings();
        }

        @Override
        public Optional<SecurityStore> security() {
            return tx.security();
        }

        @Override
        public Optional<ChangeLogStore> changeLog() {
            ChangeLogStore log = tx.changeLog().orElseThrow();
            return Optional.of(new ChangeLogStore() {
                @Override
                public void append(Change change) {
                    throw new CrmStoreException(MESSAGE, null);
                }

                @Override
                public List<ChangeEntry> read(ChangeQuery query) {
                    return log.read(query);
                }
            });
        }

        @Override
        public WorkContext context() {
            return tx.context();
        }

        @Override
        public Optional<io.roostcrm.core.spi.AuditStore> audit() {
            return tx.audit();
        }

        @Override
        public Optional<Epoch> epoch() {
            return tx.epoch();
        }

        @Override
        public ContactStore contacts() {
            return tx.contacts();
        }

        @Override
        public FieldStore fields() {
            return tx.fields();
        }

        @Override
        public GroupStore groups(GroupKind kind) {
            return tx.groups(kind);
        }

        @Override
        public NoteStore notes() {
            return tx.notes();
        }

        @Override
        public Optional<ReminderStore> reminders() {
            return tx.reminders();
        }

        @Override
        public StageStore stages() {
            return tx.stages();
        }

        @Override
        public UserStore users() {
            return tx.users();
        }

        @Override
        public RoleStore roles() {
            return tx.roles();
        }
    }
}
