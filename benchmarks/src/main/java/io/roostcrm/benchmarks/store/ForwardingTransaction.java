package io.roostcrm.benchmarks.store;

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

import java.util.Optional;

/** A unit of work that forwards everything; the baselines override what they leave out. */
class ForwardingTransaction implements StoreTransaction {

    final StoreTransaction tx;

    ForwardingTransaction(StoreTransaction tx) {
        this.tx = tx;
    }

    @Override
    public WorkContext context() {
        return tx.context();
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

    @Override
    public Optional<Epoch> epoch() {
        return tx.epoch();
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
        return tx.changeLog();
    }

    @Override
    public Optional<io.roostcrm.core.spi.AuditStore> audit() {
        return tx.audit();
    }
}
