package io.roostcrm.store.jdbc.internal;

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
import io.roostcrm.store.jdbc.internal.schema.ContactColumns;
import io.roostcrm.store.jdbc.internal.schema.RoostTables;
import io.roostcrm.store.jdbc.internal.store.JdbcChangeLog;
import io.roostcrm.store.jdbc.internal.store.JdbcContactStore;
import io.roostcrm.store.jdbc.internal.store.JdbcEpoch;
import io.roostcrm.store.jdbc.internal.store.JdbcFieldStore;
import io.roostcrm.store.jdbc.internal.store.JdbcGroupStore;
import io.roostcrm.store.jdbc.internal.store.JdbcNoteStore;
import io.roostcrm.store.jdbc.internal.store.JdbcReminderStore;
import io.roostcrm.store.jdbc.internal.store.JdbcRoleStore;
import io.roostcrm.store.jdbc.internal.store.JdbcSecurityStore;
import io.roostcrm.store.jdbc.internal.store.JdbcSettingStore;
import io.roostcrm.store.jdbc.internal.store.JdbcStageStore;
import io.roostcrm.store.jdbc.internal.store.JdbcUserStore;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.util.Collection;
import java.util.Optional;

/**
 * One unit of work: the transaction's own {@link DSLContext} (never the store's), and the sub-stores over it. Not
 * thread-safe, like the transaction it wraps; unusable once the work has returned (the support class sees to that).
 *
 * <p>The security epoch costs no round trip of its own on the common path: the unit of work's first contact select
 * carries {@code roost_epoch.epoch_version} as one more column, and when that equals the version this store last
 * read in full, the epoch is known. Only a moved version, or a unit of work that reads no contact first, reads the
 * epoch row.
 */
public final class JdbcStoreTransaction extends AbstractStoreTransaction {

    private final DSLContext dsl;
    private final StoreContext context;
    private ContactColumns changedColumns;
    private boolean fieldsChanged;
    /** The epoch version read along with a contact select, or {@code null}. */
    private Long seenEpochVersion;
    /** The change log's head as a contact update of this unit of work read it (unlocked), or {@code null}. */
    private HeadSeen headSeen;

    public JdbcStoreTransaction(DSLContext dsl, StoreContext context, WorkContext workContext) {
        super(workContext);
        this.dsl = dsl;
        this.context = context;
    }

    /** The transaction's DSL; fails once the unit of work is over. */
    public DSLContext dsl() {
        requireOpen();
        return dsl;
    }

    public StoreContext storeContext() {
        return context;
    }

    public RoostTables tables() {
        return context.tables();
    }

    public DatabaseKind kind() {
        return context.kind();
    }

    // ---- the epoch -------------------------------------------------------------------------------------------------

    @Override
    protected Optional<Epoch> readEpoch() {
        if (seenEpochVersion != null) {
            Optional<Epoch> known = context.knownEpoch(seenEpochVersion);
            if (known.isPresent()) {
                return known;
            }
        }
        JdbcEpoch.Read read;
        try {
            read = JdbcEpoch.read(dsl(), tables());
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e, "read the security epoch", Optional.empty());
        }
        context.epochRead(read.version(), read.epoch());
        return Optional.of(read.epoch());
    }

    /** Whether the next contact select should carry the epoch version (nothing has read it in this unit of work). */
    public boolean wantsEpochVersion() {
        return !epochRead() && seenEpochVersion == null;
    }

    /**
     * Makes this unit of work's contact selects carry no epoch version, as if the epoch had been read already: only
     * for measuring what the version costs (the benchmarks' baseline). Nothing in Roost calls it.
     */
    public void omitEpochVersionFromSelects() {
        if (seenEpochVersion == null) {
            seenEpochVersion = -1L;
        }
    }

    /** The epoch version a contact select read. */
    public void epochVersionSeen(long version) {
        seenEpochVersion = version;
        context.epochVersionSeen(version);
    }

    /** Moves a component of the epoch, in this transaction (every change to fields, roles, users and stages). */
    public void bumpEpoch(JdbcEpoch.Part part) {
        JdbcEpoch.bump(dsl(), tables(), part);
    }

    // ---- the change log's head -------------------------------------------------------------------------------------

    /**
     * The change log's head as one statement of this unit of work read it, without a lock: the change log's writer
     * may link its entry to it and take the head in the same statement, on the condition that the head is still
     * this one (see {@code JdbcChangeLog.write}). A guess, never trusted: when another writer moved the head
     * meanwhile, the condition fails and the writer takes the head's lock as it otherwise would.
     *
     * @param lastSequence the head's last sequence number
     * @param lastHash     the head's last hash, {@code null} before the first chained entry
     */
    public record HeadSeen(long lastSequence, String lastHash) {
    }

    /** A statement of this unit of work read the change log's head (unlocked). */
    public void headSeen(HeadSeen head) {
        headSeen = head;
    }

    /** The head a statement of this unit of work read, once: whoever takes it uses it for one write. */
    public Optional<HeadSeen> takeHeadSeen() {
        HeadSeen seen = headSeen;
        headSeen = null;
        return Optional.ofNullable(seen);
    }

    // ---- custom field columns --------------------------------------------------------------------------------------

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

    // ---- sub-stores --------------------------------------------------------------------------------------------------

    @Override
    protected ContactStore openContacts() {
        return new JdbcContactStore(this);
    }

    @Override
    protected FieldStore openFields() {
        return new JdbcFieldStore(this);
    }

    @Override
    protected GroupStore openGroups(GroupKind kind) {
        return new JdbcGroupStore(this, kind);
    }

    @Override
    protected NoteStore openNotes() {
        return new JdbcNoteStore(this);
    }

    @Override
    protected Optional<ReminderStore> openReminders() {
        return Optional.of(new JdbcReminderStore(this));
    }

    @Override
    protected StageStore openStages() {
        return new JdbcStageStore(this);
    }

    @Override
    protected UserStore openUsers() {
        return new JdbcUserStore(this);
    }

    @Override
    protected RoleStore openRoles() {
        return new JdbcRoleStore(this);
    }

    @Override
    protected Optional<ChangeLogStorage> changeLogStorage() {
        return Optional.of(new JdbcChangeLog(this));
    }

    @Override
    protected Optional<SettingStore> openSettings() {
        return Optional.of(new JdbcSettingStore(this));
    }

    @Override
    protected Optional<SecurityStore> openSecurity() {
        return Optional.of(new JdbcSecurityStore(this));
    }

    @Override
    protected Optional<io.roostcrm.core.spi.AuditStore> openAudit() {
        return Optional.of(new JdbcChangeLog(this));
    }
}
