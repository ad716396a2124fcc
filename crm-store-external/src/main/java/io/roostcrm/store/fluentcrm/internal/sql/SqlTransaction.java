package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.AbstractStoreTransaction;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;

import java.util.Optional;

/**
 * The sub-stores of one unit of work, all on its connection. The support class refuses their use after the work has
 * returned and checks the versions they give.
 */
public final class SqlTransaction extends AbstractStoreTransaction {

    private final UnitOfWork work;

    /** On a connection whose transaction the caller manages, for a call with this context. */
    public SqlTransaction(Jdbc jdbc, StoreContext context, WorkContext workContext) {
        super(workContext);
        this.work = new UnitOfWork(jdbc, context, workContext);
    }

    @Override
    protected ContactStore openContacts() {
        return new SqlContactStore(work);
    }

    @Override
    protected FieldStore openFields() {
        return new SqlFieldStore(work);
    }

    @Override
    protected GroupStore openGroups(GroupKind kind) {
        return new SqlGroupStore(work, kind);
    }

    @Override
    protected NoteStore openNotes() {
        return new SqlNoteStore(work);
    }

    @Override
    protected Optional<ReminderStore> openReminders() {
        return Optional.of(new SqlReminderStore(work));
    }

    @Override
    protected StageStore openStages() {
        return new SqlStageStore(work);
    }

    @Override
    protected UserStore openUsers() {
        return new SqlUserStore(work);
    }

    @Override
    protected RoleStore openRoles() {
        return new SqlRoleStore(work);
    }

    @Override
    protected Optional<Epoch> readEpoch() {
        return Optional.of(SqlEpoch.read(work.jdbc(), work.tables(), work.context().dialect()));
    }

    @Override
    protected Optional<ChangeLogStorage> changeLogStorage() {
        return Optional.of(new SqlChangeLog(work));
    }

    @Override
    protected Optional<SettingStore> openSettings() {
        return Optional.of(new SqlSettingStore(work));
    }

    @Override
    protected Optional<SecurityStore> openSecurity() {
        return Optional.of(new SqlSecurityStore(work));
    }

    /** The custom field definitions as read in this unit of work (validates them). */
    public int customFieldCount() {
        requireOpen();
        return work.catalog().fields().size();
    }

    @Override
    protected Optional<io.roostcrm.core.spi.AuditStore> openAudit() {
        return Optional.of(new SqlChangeLog(work));
    }
}
