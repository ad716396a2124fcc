package io.roostcrm.core.spi;

import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.permissions.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The support class for a store's unit of work. Its {@code final} methods keep the promises every store makes, so
 * that no store has to get them right on its own:
 * <ul>
 *   <li>a unit of work has a {@link WorkContext} from the moment it exists;</li>
 *   <li>no sub-store, including one obtained earlier, works once the unit of work has {@link #end() ended};</li>
 *   <li>versions behave: an insert gives version 1, a write from version {@code v} gives {@code v + 1}, and a given id
 *       is the id stored;</li>
 *   <li>the epoch is read at most once per unit of work;</li>
 *   <li>change-log entries are held until the work is done and written, all together, just before the commit
 *       ({@link #beforeCommit()}), so that a store holds its change-log lock only for the commit itself.</li>
 * </ul>
 * A store fills the {@code protected} hooks: one per sub-store, plus the optional {@link #openReminders()},
 * {@link #readEpoch()} and {@link #changeLogStorage()}. Its {@link CrmStore#transactionResult} runs the work, calls
 * {@link #beforeCommit()}, commits, and calls {@link #end()} in a {@code finally}.
 *
 * <p>A store that breaks a version promise gets an {@link IllegalStateException} naming it: that is a bug in the
 * store, not a condition a caller can act on. Not thread-safe, like the transaction it stands for.
 */
public abstract class AbstractStoreTransaction implements StoreTransaction {

    private final WorkContext context;
    private final List<Change> pending = new ArrayList<>();
    private boolean open = true;
    private Optional<Epoch> epoch;
    private ContactStore contacts;
    private FieldStore fields;
    private final Map<GroupKind, GroupStore> groups = new EnumMap<>(GroupKind.class);
    private NoteStore notes;
    private Optional<ReminderStore> reminders;
    private StageStore stages;
    private UserStore users;
    private RoleStore roles;
    private Optional<ChangeLogStore> changeLog;
    private Optional<SettingStore> settings;
    private Optional<SecurityStore> security;
    private Optional<AuditStore> audit;
    private AuditChain chain = AuditChain.sha256();

    /**
     * A unit of work for a call.
     *
     * @param context who acts, when, from where
     */
    protected AbstractStoreTransaction(WorkContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    // ---- what a store fills -------------------------------------------------------------------------------------

    /** The contact store of this unit of work; called once. */
    protected abstract ContactStore openContacts();

    /** The field store of this unit of work; called once. */
    protected abstract FieldStore openFields();

    /** The list or tag store of this unit of work; called once per kind. */
    protected abstract GroupStore openGroups(GroupKind kind);

    /** The note store of this unit of work; called once. */
    protected abstract NoteStore openNotes();

    /** The reminder store, for a store with {@link StoreFeature#REMINDERS}; called once. Default: none. */
    protected Optional<ReminderStore> openReminders() {
        return Optional.empty();
    }

    /** The stage store of this unit of work; called once. */
    protected abstract StageStore openStages();

    /** The user store of this unit of work; called once. */
    protected abstract UserStore openUsers();

    /** The role store of this unit of work; called once. */
    protected abstract RoleStore openRoles();

    /**
     * Reads the security epoch, for a store with {@link StoreFeature#SECURITY_EPOCH}; called at most once per unit of
     * work. A store that read it already along with another statement returns that value. Default: none.
     */
    protected Optional<Epoch> readEpoch() {
        return Optional.empty();
    }

    /** How the store keeps its change log, for a store with {@link StoreFeature#CHANGE_LOG}. Default: none. */
    protected Optional<ChangeLogStorage> changeLogStorage() {
        return Optional.empty();
    }

    /** The store's shared settings, for a store with {@link StoreFeature#SETTINGS}. Default: none. */
    protected Optional<SettingStore> openSettings() {
        return Optional.empty();
    }

    /** The store's account-security state, for a store with {@link StoreFeature#SECURITY}. Default: none. */
    protected Optional<SecurityStore> openSecurity() {
        return Optional.empty();
    }

    /**
     * How a store keeps the change log. Ordering is the store's to get right: sequence numbers must be strictly
     * increasing in commit order, so that a reader following the log never misses an entry that commits late. The
     * JDBC stores take a row lock on a one-row head table when they write (it is the last lock a unit of work takes,
     * and it is held only for the insert and the commit), so writers commit their entries one after the other and
     * number them from the head.
     */
    public interface ChangeLogStorage {

        /**
         * Writes a unit of work's entries, in this order, in its transaction, assigning their sequence numbers.
         * Called once, just before the commit, and only with at least one change.
         */
        void write(List<Change> changes, WorkContext context);

        /** Reads committed entries. */
        List<ChangeEntry> read(ChangeQuery query);

        /**
         * Writes a unit of work's entries, linking each to the one before with this chain, for a store with
         * {@link StoreFeature#AUDIT_CHAIN}: under the head lock, read the head's last hash, and write each entry's
         * {@link AuditChain#link} and the new head. The default, for a store without the chain, ignores it.
         */
        default void write(List<Change> changes, WorkContext context, AuditChain chain) {
            write(changes, context);
        }
    }

    // ---- the life of a unit of work ------------------------------------------------------------------------------

    /**
     * Writes what the work left pending: its change-log entries. The store calls it after the work returned and
     * before it commits; a failure here fails the unit of work, which then rolls back.
     *
     * @throws IllegalStateException after {@link #end()}
     */
    public final void beforeCommit() {
        requireOpen();
        if (!pending.isEmpty()) {
            List<Change> changes = List.copyOf(pending);
            pending.clear();
            changeLogStorage().orElseThrow(() -> new IllegalStateException("entries pending without a change log"))
                    .write(changes, context, chain);
        }
    }

    /** Ends the unit of work: from now on every sub-store, including those obtained earlier, refuses to work. */
    public final void end() {
        open = false;
        pending.clear();
    }

    /** Whether the unit of work is still running. */
    protected final boolean isOpen() {
        return open;
    }

    /** @throws IllegalStateException once the unit of work has ended */
    protected final void requireOpen() {
        if (!open) {
            throw new IllegalStateException("the unit of work has ended; sub-stores cannot be used after it");
        }
    }

    /** Whether the epoch has been read in this unit of work (so a store need not fetch it along with a select). */
    protected final boolean epochRead() {
        return epoch != null;
    }

    // ---- StoreTransaction ------------------------------------------------------------------------------------------

    @Override
    public final WorkContext context() {
        return context;
    }

    @Override
    public final ContactStore contacts() {
        requireOpen();
        if (contacts == null) {
            contacts = new CheckedContacts(Objects.requireNonNull(openContacts(), "openContacts()"));
        }
        return contacts;
    }

    @Override
    public final FieldStore fields() {
        requireOpen();
        if (fields == null) {
            fields = new CheckedFields(Objects.requireNonNull(openFields(), "openFields()"));
        }
        return fields;
    }

    @Override
    public final GroupStore groups(GroupKind kind) {
        Objects.requireNonNull(kind, "kind");
        requireOpen();
        return groups.computeIfAbsent(kind, k -> new CheckedGroups(Objects.requireNonNull(openGroups(k), "openGroups()")));
    }

    @Override
    public final NoteStore notes() {
        requireOpen();
        if (notes == null) {
            notes = new CheckedNotes(Objects.requireNonNull(openNotes(), "openNotes()"));
        }
        return notes;
    }

    @Override
    public final Optional<ReminderStore> reminders() {
        requireOpen();
        if (reminders == null) {
            reminders = Objects.requireNonNull(openReminders(), "openReminders()").map(CheckedReminders::new);
        }
        return reminders;
    }

    @Override
    public final StageStore stages() {
        requireOpen();
        if (stages == null) {
            stages = new CheckedStages(Objects.requireNonNull(openStages(), "openStages()"));
        }
        return stages;
    }

    @Override
    public final UserStore users() {
        requireOpen();
        if (users == null) {
            users = new CheckedUsers(Objects.requireNonNull(openUsers(), "openUsers()"));
        }
        return users;
    }

    @Override
    public final RoleStore roles() {
        requireOpen();
        if (roles == null) {
            roles = new CheckedRoles(Objects.requireNonNull(openRoles(), "openRoles()"));
        }
        return roles;
    }

    @Override
    public final Optional<Epoch> epoch() {
        requireOpen();
        if (epoch == null) {
            epoch = Objects.requireNonNull(readEpoch(), "readEpoch()");
        }
        return epoch;
    }

    @Override
    public final Optional<ChangeLogStore> changeLog() {
        requireOpen();
        if (changeLog == null) {
            changeLog = Objects.requireNonNull(changeLogStorage(), "changeLogStorage()").map(CheckedChangeLog::new);
        }
        return changeLog;
    }

    @Override
    public final Optional<SettingStore> settings() {
        requireOpen();
        if (settings == null) {
            settings = Objects.requireNonNull(openSettings(), "openSettings()").map(CheckedSettings::new);
        }
        return settings;
    }

    @Override
    public final Optional<SecurityStore> security() {
        requireOpen();
        if (security == null) {
            security = Objects.requireNonNull(openSecurity(), "openSecurity()")
                    .map(store -> new CheckedSecurityStore(store, this::requireOpen));
        }
        return security;
    }

    // ---- the checks --------------------------------------------------------------------------------------------------

    private static IllegalStateException broken(String promise) {
        return new IllegalStateException("the store broke the SPI: " + promise);
    }

    private static void requireVersion(long expected, long actual, String operation) {
        if (actual != expected) {
            throw broken(operation + " must give version " + expected + " but gave " + actual);
        }
    }

    private final class CheckedContacts implements ContactStore {
        private final ContactStore store;

        CheckedContacts(ContactStore store) {
            this.store = store;
        }

        private ContactRow inserted(ContactRow row, NewContact contact, IdAssignment ids) {
            requireVersion(1, row.version(), "an insert");
            if (ids == IdAssignment.GIVEN && row.id() != contact.id()) {
                throw broken("an insert with a given id must keep it");
            }
            return row;
        }

        @Override
        public ContactRow insert(NewContact contact) {
            requireOpen();
            return inserted(store.insert(contact), contact, IdAssignment.STORE);
        }

        @Override
        public ContactRow insert(NewContact contact, IdAssignment ids) {
            requireOpen();
            requireGivenId(ids, contact.id());
            return inserted(store.insert(contact, ids), contact, ids);
        }

        @Override
        public List<Long> insertAll(List<NewContact> batch) {
            requireOpen();
            return inserted(store.insertAll(batch), batch);
        }

        @Override
        public List<Long> insertAll(List<NewContact> batch, IdAssignment ids) {
            requireOpen();
            if (ids == IdAssignment.GIVEN) {
                batch.forEach(c -> requireGivenId(ids, c.id()));
            }
            List<Long> stored = inserted(store.insertAll(batch, ids), batch);
            if (ids == IdAssignment.GIVEN) {
                for (int i = 0; i < batch.size(); i++) {
                    if (stored.get(i) != batch.get(i).id()) {
                        throw broken("an insert with a given id must keep it");
                    }
                }
            }
            return stored;
        }

        private List<Long> inserted(List<Long> ids, List<NewContact> batch) {
            if (ids.size() != batch.size()) {
                throw broken("a batch insert must return one id per contact");
            }
            return ids;
        }

        @Override
        public long update(ContactChange change) {
            requireOpen();
            long version = store.update(change);
            requireVersion(change.expectedVersion() + 1, version, "an update");
            return version;
        }

        @Override
        public ContactReplaced updateReturning(ContactChange change) {
            requireOpen();
            ContactReplaced replaced = store.updateReturning(change);
            requireVersion(change.expectedVersion() + 1, replaced.newVersion(), "an update");
            for (String key : replaced.previousValues().keySet()) {
                if (!change.set().containsKey(key) && !change.clear().contains(key)) {
                    throw broken("an update must return the previous values of the fields it changed, and no others");
                }
            }
            return replaced;
        }

        @Override
        public List<ContactReplaced> updateAllReturning(List<ContactChange> changes) {
            requireOpen();
            List<ContactChange> batch = List.copyOf(changes);
            List<ContactReplaced> replaced = store.updateAllReturning(batch);
            if (replaced.size() != batch.size()) {
                throw broken("a batch update must return one result per change");
            }
            // A contact changed twice in the batch is at the version its earlier change made.
            Map<Long, Long> versions = new java.util.HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                ContactChange change = batch.get(i);
                ContactReplaced result = replaced.get(i);
                requireVersion(change.expectedVersion() + 1, result.newVersion(), "an update");
                Long earlier = versions.put(change.contactId(), result.newVersion());
                if (earlier != null && earlier != change.expectedVersion()) {
                    throw broken("a batch update must apply its changes in order");
                }
                for (String key : result.previousValues().keySet()) {
                    if (!change.set().containsKey(key) && !change.clear().contains(key)) {
                        throw broken("an update must return the previous values of the fields it changed, and no"
                                + " others");
                    }
                }
            }
            return replaced;
        }

        @Override
        public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
            requireOpen();
            long version = store.setOwner(contactId, expectedVersion, ownerId, updatedAt);
            requireVersion(expectedVersion + 1, version, "an owner change");
            return version;
        }

        @Override
        public ContactReplaced setOwnerReturning(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
            requireOpen();
            ContactReplaced replaced = store.setOwnerReturning(contactId, expectedVersion, ownerId, updatedAt);
            requireVersion(expectedVersion + 1, replaced.newVersion(), "an owner change");
            return replaced;
        }

        @Override
        public boolean delete(long contactId) {
            requireOpen();
            return store.delete(contactId);
        }

        @Override
        public Optional<ContactRow> deleteReturning(long contactId, List<String> fieldKeys) {
            requireOpen();
            Optional<ContactRow> deleted = store.deleteReturning(contactId, fieldKeys);
            if (deleted.isPresent() && deleted.get().id() != contactId) {
                throw broken("a delete must return the deleted contact");
            }
            return deleted;
        }

        @Override
        public List<ContactRow> select(ContactSelection selection) {
            requireOpen();
            List<ContactRow> rows = store.select(selection);
            if (rows.size() > selection.limit()) {
                throw broken("a select must return at most its limit");
            }
            return rows;
        }

        @Override
        public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
            requireOpen();
            return store.findIdsBy(fieldKey, values);
        }

        @Override
        public long count() {
            requireOpen();
            return store.count();
        }
    }

    private static void requireGivenId(IdAssignment ids, long id) {
        if (Objects.requireNonNull(ids, "ids") == IdAssignment.GIVEN && id < 1) {
            throw new IllegalArgumentException("a given id must be positive, but it was " + id);
        }
    }

    private final class CheckedFields implements FieldStore {
        private final FieldStore store;

        CheckedFields(FieldStore store) {
            this.store = store;
        }

        @Override
        public List<FieldDefinition> all() {
            requireOpen();
            return store.all();
        }

        @Override
        public void define(FieldDefinition field) {
            requireOpen();
            store.define(field);
        }

        @Override
        public void update(FieldDefinition field) {
            requireOpen();
            store.update(field);
        }

        @Override
        public void remove(String key) {
            requireOpen();
            store.remove(key);
        }
    }

    private final class CheckedGroups implements GroupStore {
        private final GroupStore store;

        CheckedGroups(GroupStore store) {
            this.store = store;
        }

        @Override
        public ContactGroup insert(ContactGroup group) {
            requireOpen();
            return store.insert(group);
        }

        @Override
        public ContactGroup insert(ContactGroup group, IdAssignment ids) {
            requireOpen();
            requireGivenId(ids, group.id());
            ContactGroup stored = store.insert(group, ids);
            if (ids == IdAssignment.GIVEN && stored.id() != group.id()) {
                throw broken("an insert with a given id must keep it");
            }
            return stored;
        }

        @Override
        public ContactGroup update(ContactGroup group) {
            requireOpen();
            return store.update(group);
        }

        @Override
        public boolean delete(long groupId) {
            requireOpen();
            return store.delete(groupId);
        }

        @Override
        public Optional<ContactGroup> find(long groupId) {
            requireOpen();
            return store.find(groupId);
        }

        @Override
        public List<ContactGroup> all() {
            requireOpen();
            return store.all();
        }

        @Override
        public void add(long contactId, long groupId) {
            requireOpen();
            store.add(contactId, groupId);
        }

        @Override
        public void remove(long contactId, long groupId) {
            requireOpen();
            store.remove(contactId, groupId);
        }

        @Override
        public Map<Long, Set<Long>> groupsOf(Collection<Long> contactIds) {
            requireOpen();
            return store.groupsOf(contactIds);
        }
    }

    private final class CheckedNotes implements NoteStore {
        private final NoteStore store;

        CheckedNotes(NoteStore store) {
            this.store = store;
        }

        @Override
        public Note insert(Note note) {
            requireOpen();
            return store.insert(note);
        }

        @Override
        public Note insert(Note note, IdAssignment ids) {
            requireOpen();
            requireGivenId(ids, note.id());
            Note stored = store.insert(note, ids);
            if (ids == IdAssignment.GIVEN && stored.id() != note.id()) {
                throw broken("an insert with a given id must keep it");
            }
            return stored;
        }

        @Override
        public Note update(Note note) {
            requireOpen();
            return store.update(note);
        }

        @Override
        public boolean delete(long noteId) {
            requireOpen();
            return store.delete(noteId);
        }

        @Override
        public Optional<Note> find(long noteId) {
            requireOpen();
            return store.find(noteId);
        }

        @Override
        public List<Note> of(long contactId) {
            requireOpen();
            return store.of(contactId);
        }
    }

    private final class CheckedReminders implements ReminderStore {
        private final ReminderStore store;

        CheckedReminders(ReminderStore store) {
            this.store = store;
        }

        @Override
        public Reminder insert(Reminder reminder) {
            requireOpen();
            return store.insert(reminder);
        }

        @Override
        public Reminder insert(Reminder reminder, IdAssignment ids) {
            requireOpen();
            requireGivenId(ids, reminder.id());
            Reminder stored = store.insert(reminder, ids);
            if (ids == IdAssignment.GIVEN && stored.id() != reminder.id()) {
                throw broken("an insert with a given id must keep it");
            }
            return stored;
        }

        @Override
        public Reminder update(Reminder reminder) {
            requireOpen();
            return store.update(reminder);
        }

        @Override
        public boolean delete(long reminderId) {
            requireOpen();
            return store.delete(reminderId);
        }

        @Override
        public Optional<Reminder> find(long reminderId) {
            requireOpen();
            return store.find(reminderId);
        }

        @Override
        public List<Reminder> of(long contactId) {
            requireOpen();
            return store.of(contactId);
        }

        @Override
        public List<Reminder> openFor(long assigneeId) {
            requireOpen();
            return store.openFor(assigneeId);
        }
    }

    private final class CheckedStages implements StageStore {
        private final StageStore store;

        CheckedStages(StageStore store) {
            this.store = store;
        }

        @Override
        public List<Stage> all() {
            requireOpen();
            return store.all();
        }

        @Override
        public Optional<Stage> find(long stageId) {
            requireOpen();
            return store.find(stageId);
        }

        @Override
        public Stage insert(Stage stage) {
            requireOpen();
            return store.insert(stage);
        }

        @Override
        public Stage insert(Stage stage, IdAssignment ids) {
            requireOpen();
            requireGivenId(ids, stage.id());
            Stage stored = store.insert(stage, ids);
            if (ids == IdAssignment.GIVEN && stored.id() != stage.id()) {
                throw broken("an insert with a given id must keep it");
            }
            return stored;
        }

        @Override
        public Stage update(Stage stage) {
            requireOpen();
            return store.update(stage);
        }

        @Override
        public boolean delete(long stageId) {
            requireOpen();
            return store.delete(stageId);
        }
    }

    private final class CheckedUsers implements UserStore {
        private final UserStore store;

        CheckedUsers(UserStore store) {
            this.store = store;
        }

        @Override
        public User insert(User user) {
            requireOpen();
            return store.insert(user);
        }

        @Override
        public User update(User user) {
            requireOpen();
            return store.update(user);
        }

        @Override
        public Optional<User> find(long userId) {
            requireOpen();
            return store.find(userId);
        }

        @Override
        public Optional<User> findByLogin(String login) {
            requireOpen();
            return store.findByLogin(login);
        }

        @Override
        public List<User> all() {
            requireOpen();
            return store.all();
        }

        @Override
        public Map<Long, Set<Long>> teamsOf(Collection<Long> userIds) {
            requireOpen();
            return store.teamsOf(userIds);
        }
    }

    private final class CheckedRoles implements RoleStore {
        private final RoleStore store;

        CheckedRoles(RoleStore store) {
            this.store = store;
        }

        @Override
        public void save(Role role) {
            requireOpen();
            store.save(role);
        }

        @Override
        public boolean delete(String name) {
            requireOpen();
            return store.delete(name);
        }

        @Override
        public Optional<Role> find(String name) {
            requireOpen();
            return store.find(name);
        }

        @Override
        public List<Role> all() {
            requireOpen();
            return store.all();
        }
    }

    private final class CheckedChangeLog implements ChangeLogStore {
        private final ChangeLogStorage storage;

        CheckedChangeLog(ChangeLogStorage storage) {
            this.storage = storage;
        }

        @Override
        public void append(Change change) {
            requireOpen();
            pending.add(Objects.requireNonNull(change, "change"));
        }

        @Override
        public List<ChangeEntry> read(ChangeQuery query) {
            requireOpen();
            Objects.requireNonNull(query, "query");
            List<ChangeEntry> entries = storage.read(query);
            long last = query.afterSequence();
            for (ChangeEntry entry : entries) {
                if (entry.sequence() <= last) {
                    throw broken("change-log entries must come in ascending sequence after the one asked for");
                }
                last = entry.sequence();
            }
            if (entries.size() > query.limit()) {
                throw broken("a change-log read must return at most its limit");
            }
            return entries;
        }
    }

    private final class CheckedSettings implements SettingStore {
        private final SettingStore store;

        CheckedSettings(SettingStore store) {
            this.store = store;
        }

        @Override
        public Optional<String> get(String name) {
            requireOpen();
            Optional<String> value = store.get(checked(name, NAME_RULE, "name"));
            if (value == null) {
                throw broken("a setting read must return an Optional, never null");
            }
            return value;
        }

        @Override
        public boolean setIfAbsent(String name, String value) {
            requireOpen();
            return store.setIfAbsent(checked(name, NAME_RULE, "name"), checked(value, VALUE_RULE, "value"));
        }

        private static String checked(String text, Pattern rule, String what) {
            Objects.requireNonNull(text, what);
            if (!rule.matcher(text).matches()) {
                throw new IllegalArgumentException("a setting " + what + " must match " + rule.pattern());
            }
            return text;
        }
    }

    // ---- the audit trail (issue 12) ---------------------------------------------------------------------------

    /** The store's audit trail, for a store with {@link StoreFeature#AUDIT_CHAIN}; called once. Default: none. */
    protected Optional<AuditStore> openAudit() {
        return Optional.empty();
    }

    @Override
    public final Optional<AuditStore> audit() {
        requireOpen();
        if (audit == null) {
            audit = Objects.requireNonNull(openAudit(), "openAudit()").map(CheckedAudit::new);
        }
        return audit;
    }

    private final class CheckedAudit implements AuditStore {
        private final AuditStore store;

        CheckedAudit(AuditStore store) {
            this.store = store;
        }

        @Override
        public void linkWith(AuditChain with) {
            requireOpen();
            chain = Objects.requireNonNull(with, "chain");
            store.linkWith(with);
        }

        @Override
        public AuditHead head() {
            requireOpen();
            return Objects.requireNonNull(store.head(), "head()");
        }

        @Override
        public List<AuditLink> links(long afterSequence, int limit) {
            requireOpen();
            if (limit < 1 || limit > ChangeQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("limit was " + limit + " but it must be 1 to " + ChangeQuery.MAX_LIMIT);
            }
            List<AuditLink> links = store.links(afterSequence, limit);
            long last = afterSequence;
            for (AuditLink link : links) {
                if (link.sequence() <= last) {
                    throw broken("audit links must come in ascending sequence after the one asked for");
                }
                last = link.sequence();
            }
            if (links.size() > limit) {
                throw broken("an audit read must return at most its limit");
            }
            return links;
        }

        @Override
        public Optional<AuditLink> link(long sequence) {
            requireOpen();
            return Objects.requireNonNull(store.link(sequence), "link()");
        }

        @Override
        public List<ChangeEntry> query(io.roostcrm.core.audit.AuditQuery query) {
            requireOpen();
            Objects.requireNonNull(query, "query");
            List<ChangeEntry> entries = store.query(query);
            long last = query.afterSequence();
            for (ChangeEntry entry : entries) {
                if (entry.sequence() <= last) {
                    throw broken("audit entries must come in ascending sequence after the one asked for");
                }
                last = entry.sequence();
            }
            if (entries.size() > query.limit()) {
                throw broken("an audit query must return at most its limit");
            }
            return entries;
        }

        @Override
        public long lastSequenceBefore(Instant time) {
            requireOpen();
            return store.lastSequenceBefore(Objects.requireNonNull(time, "time"));
        }

        @Override
        public long deleteThrough(long sequence) {
            requireOpen();
            return store.deleteThrough(sequence);
        }
    }
}
