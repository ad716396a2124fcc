package io.roostcrm.core.memory;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.StaleVersionException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.AbstractStoreTransaction;
import io.roostcrm.core.spi.ContactChange;
import io.roostcrm.core.spi.ContactReplaced;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.ContactSelection;
import io.roostcrm.core.spi.ContactStore;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.NewContact;
import io.roostcrm.core.spi.NoteStore;
import io.roostcrm.core.spi.ReminderStore;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.core.spi.SettingStore;
import io.roostcrm.core.spi.SecurityStore;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.core.spi.StageStore;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.core.spi.WorkContext;
import io.roostcrm.permissions.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One unit of work over a private copy of the state. The support class keeps the shared promises (no use after the
 * end, versions, context); this class only changes the copy, which the store makes the shared state when the work
 * returns.
 */
final class MemoryTransaction extends AbstractStoreTransaction {

    private final MemoryState state;
    private final MemoryChangeLog log;

    MemoryTransaction(WorkContext context, MemoryState state, MemoryChangeLog log) {
        super(context);
        this.state = state;
        this.log = log;
    }

    MemoryState state() {
        return state;
    }

    /** The state this unit of work changes; the support class has already refused use after the end. */
    private MemoryState live() {
        return state;
    }

    @Override
    protected ContactStore openContacts() {
        return new Contacts();
    }

    @Override
    protected FieldStore openFields() {
        return new Fields();
    }

    @Override
    protected GroupStore openGroups(GroupKind kind) {
        return new Groups(kind);
    }

    @Override
    protected NoteStore openNotes() {
        return new Notes();
    }

    @Override
    protected Optional<ReminderStore> openReminders() {
        return Optional.of(new Reminders());
    }

    @Override
    protected StageStore openStages() {
        return new Stages();
    }

    @Override
    protected UserStore openUsers() {
        return new Users();
    }

    @Override
    protected RoleStore openRoles() {
        return new Roles();
    }

    @Override
    protected Optional<Epoch> readEpoch() {
        return Optional.of(state.epoch);
    }

    @Override
    protected Optional<ChangeLogStorage> changeLogStorage() {
        return Optional.of(log);
    }

    @Override
    protected Optional<SettingStore> openSettings() {
        return Optional.of(new SettingStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(state.settings.get(name));
            }

            @Override
            public boolean setIfAbsent(String name, String value) {
                return state.settings.putIfAbsent(name, value) == null;
            }
        });
    }

    @Override
    protected Optional<SecurityStore> openSecurity() {
        return Optional.of(state.security.store());
    }

    /** A contact that must exist for a row to belong to it (a database's foreign key does this elsewhere). */
    private void requireContact(long contactId) {
        if (!state.contacts.containsKey(contactId)) {
            throw new CrmNotFoundException("contact", contactId);
        }
    }

    /** A stage a contact moves to must exist. */
    private void requireStage(Map<String, Object> values) {
        Object stage = values.get(StandardFields.STAGE);
        if (stage != null && !state.stages.containsKey((Long) stage)) {
            throw new CrmValidationException(Violation.of(StandardFields.STAGE, "unknown_stage",
                    "must be an existing stage"));
        }
    }

    /** A given id must be free in its map; the ids the store hands out later start above it. */
    private long givenId(long id, Map<Long, ?> taken) {
        if (taken.containsKey(id)) {
            throw notUnique("id");
        }
        state.nextId = Math.max(state.nextId, id + 1);
        return id;
    }

    private static CrmValidationException notUnique(String field) {
        return new CrmValidationException(Violation.of(field, "unique", "must be unique"));
    }

    private final class Contacts implements ContactStore {

        @Override
        public ContactRow insert(NewContact contact) {
            return insert(contact, IdAssignment.STORE);
        }

        @Override
        public ContactRow insert(NewContact contact, IdAssignment ids) {
            requireUniqueEmail(contact.values().get(StandardFields.EMAIL), 0);
            requireStage(contact.values());
            long id = ids == IdAssignment.GIVEN ? givenId(contact.id(), state.contacts) : live().nextId();
            ContactRow row = new ContactRow(id, 1, contact.ownerId(), contact.createdAt(), contact.createdAt(),
                    contact.values());
            state.contacts.put(id, row);
            return row;
        }

        @Override
        public List<Long> insertAll(List<NewContact> contacts) {
            return insertAll(contacts, IdAssignment.STORE);
        }

        @Override
        public List<Long> insertAll(List<NewContact> contacts, IdAssignment assignment) {
            List<Long> ids = new ArrayList<>(contacts.size());
            for (NewContact contact : contacts) {
                ids.add(insert(contact, assignment).id());
            }
            return ids;
        }

        @Override
        public long update(ContactChange change) {
            return updateReturning(change).newVersion();
        }

        @Override
        public ContactReplaced updateReturning(ContactChange change) {
            ContactRow row = live().contacts.get(change.contactId());
            if (row == null || row.version() != change.expectedVersion()) {
                throw new StaleVersionException("contact", change.contactId(), change.expectedVersion());
            }
            if (change.set().containsKey(StandardFields.EMAIL)) {
                requireUniqueEmail(change.set().get(StandardFields.EMAIL), row.id());
            }
            requireStage(change.set());
            Map<String, Object> values = new LinkedHashMap<>(row.values());
            values.putAll(change.set());
            change.clear().forEach(values::remove);
            ContactRow updated = new ContactRow(row.id(), row.version() + 1, row.ownerId(), row.createdAt(),
                    change.updatedAt(), values);
            state.contacts.put(row.id(), updated);
            Map<String, Object> previous = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : row.values().entrySet()) {
                if (change.set().containsKey(e.getKey()) || change.clear().contains(e.getKey())) {
                    previous.put(e.getKey(), e.getValue());
                }
            }
            return new ContactReplaced(updated.version(), row.ownerId(), previous);
        }

        @Override
        public long setOwner(long contactId, long expectedVersion, long ownerId, Instant updatedAt) {
            return setOwnerReturning(contactId, expectedVersion, ownerId, updatedAt).newVersion();
        }

        @Override
        public ContactReplaced setOwnerReturning(long contactId, long expectedVersion, long ownerId,
                                                 Instant updatedAt) {
            ContactRow row = live().contacts.get(contactId);
            if (row == null || row.version() != expectedVersion) {
                throw new StaleVersionException("contact", contactId, expectedVersion);
            }
            ContactRow updated = new ContactRow(row.id(), row.version() + 1, ownerId, row.createdAt(), updatedAt,
                    row.values());
            state.contacts.put(contactId, updated);
            return new ContactReplaced(updated.version(), row.ownerId(), Map.of());
        }

        @Override
        public boolean delete(long contactId) {
            return deleteReturning(contactId, List.of()).isPresent();
        }

        @Override
        public Optional<ContactRow> deleteReturning(long contactId, List<String> fieldKeys) {
            ContactRow row = live().contacts.remove(contactId);
            if (row == null) {
                return Optional.empty();
            }
            state.notes.values().removeIf(n -> n.contactId() == contactId);
            state.reminders.values().removeIf(r -> r.contactId() == contactId);
            state.memberships.removeIf(m -> m.contactId() == contactId);
            return Optional.of(row);
        }

        @Override
        public List<ContactRow> select(ContactSelection selection) {
            return new MemoryQuery(live()).select(selection);
        }

        @Override
        public Map<Object, Long> findIdsBy(String fieldKey, Collection<?> values) {
            boolean email = StandardFields.EMAIL.equals(fieldKey);
            Map<Object, Object> wanted = new HashMap<>();
            for (Object value : values) {
                wanted.put(email ? ((String) value).toLowerCase(Locale.ROOT) : value, value);
            }
            Map<Object, Long> found = new LinkedHashMap<>();
            for (ContactRow row : live().contacts.values()) {
                Object value = row.values().get(fieldKey);
                if (value == null) {
                    continue;
                }
                Object key = email ? ((String) value).toLowerCase(Locale.ROOT) : value;
                if (wanted.containsKey(key)) {
                    found.put(wanted.get(key), row.id());
                }
            }
            return found;
        }

        @Override
        public long count() {
            return live().contacts.size();
        }

        private void requireUniqueEmail(Object email, long exceptId) {
            if (email == null) {
                return;
            }
            String wanted = ((String) email).toLowerCase(Locale.ROOT);
            for (ContactRow row : live().contacts.values()) {
                Object other = row.values().get(StandardFields.EMAIL);
                if (row.id() != exceptId && other != null && ((String) other).toLowerCase(Locale.ROOT).equals(wanted)) {
                    throw notUnique(StandardFields.EMAIL);
                }
            }
        }
    }

    private final class Fields implements FieldStore {
        @Override
        public List<FieldDefinition> all() {
            return List.copyOf(live().fields.values());
        }

        @Override
        public void define(FieldDefinition field) {
            if (StandardFields.isStandard(field.key()) || live().fields.containsKey(field.key())) {
                throw notUnique(field.key());
            }
            state.fields.put(field.key(), field);
            state.bumpFields();
        }

        @Override
        public void update(FieldDefinition field) {
            FieldDefinition old = live().fields.get(field.key());
            if (old == null) {
                throw new CrmNotFoundException("field", field.key());
            }
            state.fields.put(field.key(), new FieldDefinition(old.key(), field.label(), old.type(), field.options(),
                    field.required(), field.active(), field.readOnly(), field.sensitive(), old.kind()));
            state.bumpFields();
        }

        @Override
        public void remove(String key) {
            if (live().fields.remove(key) == null) {
                return;
            }
            state.bumpFields();
            for (ContactRow row : List.copyOf(state.contacts.values())) {
                if (row.values().containsKey(key)) {
                    Map<String, Object> values = new LinkedHashMap<>(row.values());
                    values.remove(key);
                    state.contacts.put(row.id(), new ContactRow(row.id(), row.version(), row.ownerId(), row.createdAt(),
                            row.updatedAt(), values));
                }
            }
        }
    }

    private final class Groups implements GroupStore {
        private final GroupKind kind;

        Groups(GroupKind kind) {
            this.kind = kind;
        }

        private Map<Long, ContactGroup> groups() {
            return live().groups.get(kind);
        }

        @Override
        public ContactGroup insert(ContactGroup group) {
            return insert(group, IdAssignment.STORE);
        }

        @Override
        public ContactGroup insert(ContactGroup group, IdAssignment ids) {
            requireUniqueSlug(group.slug(), 0);
            long id = ids == IdAssignment.GIVEN ? givenId(group.id(), groups()) : state.nextId();
            ContactGroup stored = new ContactGroup(id, kind, group.name(), group.slug(), group.description());
            groups().put(id, stored);
            return stored;
        }

        @Override
        public ContactGroup update(ContactGroup group) {
            if (!groups().containsKey(group.id())) {
                throw new CrmNotFoundException(kind.name().toLowerCase(Locale.ROOT), group.id());
            }
            requireUniqueSlug(group.slug(), group.id());
            ContactGroup stored = new ContactGroup(group.id(), kind, group.name(), group.slug(), group.description());
            groups().put(group.id(), stored);
            return stored;
        }

        @Override
        public boolean delete(long groupId) {
            if (groups().remove(groupId) == null) {
                return false;
            }
            state.memberships.removeIf(m -> m.kind() == kind && m.groupId() == groupId);
            return true;
        }

        @Override
        public Optional<ContactGroup> find(long groupId) {
            return Optional.ofNullable(groups().get(groupId));
        }

        @Override
        public List<ContactGroup> all() {
            List<ContactGroup> all = new ArrayList<>(groups().values());
            all.sort(Comparator.comparing(ContactGroup::name).thenComparingLong(ContactGroup::id));
            return all;
        }

        @Override
        public void add(long contactId, long groupId) {
            requireContact(contactId);
            if (!groups().containsKey(groupId)) {
                throw new CrmNotFoundException(kind.name().toLowerCase(Locale.ROOT), groupId);
            }
            state.memberships.add(new MemoryState.Membership(kind, contactId, groupId));
        }

        @Override
        public void remove(long contactId, long groupId) {
            live().memberships.remove(new MemoryState.Membership(kind, contactId, groupId));
        }

        @Override
        public Map<Long, Set<Long>> groupsOf(Collection<Long> contactIds) {
            Set<Long> wanted = new HashSet<>(contactIds);
            Map<Long, Set<Long>> out = new HashMap<>();
            for (MemoryState.Membership m : live().memberships) {
                if (m.kind() == kind && wanted.contains(m.contactId())) {
                    out.computeIfAbsent(m.contactId(), k -> new HashSet<>()).add(m.groupId());
                }
            }
            return out;
        }

        private void requireUniqueSlug(String slug, long exceptId) {
            for (ContactGroup g : groups().values()) {
                if (g.id() != exceptId && g.slug().equals(slug)) {
                    throw notUnique("slug");
                }
            }
        }
    }

    private final class Notes implements NoteStore {
        @Override
        public Note insert(Note note) {
            return insert(note, IdAssignment.STORE);
        }

        @Override
        public Note insert(Note note, IdAssignment ids) {
            requireContact(note.contactId());
            long id = ids == IdAssignment.GIVEN ? givenId(note.id(), state.notes) : live().nextId();
            Note stored = new Note(id, note.contactId(), note.authorId(), note.type(), note.title(), note.body(),
                    note.createdAt(), note.updatedAt(), note.format());
            state.notes.put(id, stored);
            return stored;
        }

        @Override
        public Note update(Note note) {
            Note old = live().notes.get(note.id());
            if (old == null) {
                throw new CrmNotFoundException("note", note.id());
            }
            Note stored = new Note(old.id(), old.contactId(), old.authorId(), note.type(), note.title(), note.body(),
                    note.createdAt(), note.updatedAt(), note.format());
            state.notes.put(old.id(), stored);
            return stored;
        }

        @Override
        public boolean delete(long noteId) {
            return live().notes.remove(noteId) != null;
        }

        @Override
        public Optional<Note> find(long noteId) {
            return Optional.ofNullable(live().notes.get(noteId));
        }

        @Override
        public List<Note> of(long contactId) {
            return live().notes.values().stream()
                    .filter(n -> n.contactId() == contactId)
                    .sorted(Comparator.comparing(Note::createdAt).thenComparingLong(Note::id).reversed())
                    .toList();
        }
    }

    private final class Reminders implements ReminderStore {
        @Override
        public Reminder insert(Reminder reminder) {
            return insert(reminder, IdAssignment.STORE);
        }

        @Override
        public Reminder insert(Reminder reminder, IdAssignment ids) {
            requireContact(reminder.contactId());
            long id = ids == IdAssignment.GIVEN ? givenId(reminder.id(), state.reminders) : live().nextId();
            Reminder stored = new Reminder(id, reminder.contactId(), reminder.assigneeId(), reminder.dueAt(),
                    reminder.text(), reminder.done(), reminder.createdAt());
            state.reminders.put(id, stored);
            return stored;
        }

        @Override
        public Reminder update(Reminder reminder) {
            Reminder old = live().reminders.get(reminder.id());
            if (old == null) {
                throw new CrmNotFoundException("reminder", reminder.id());
            }
            Reminder stored = new Reminder(old.id(), old.contactId(), reminder.assigneeId(), reminder.dueAt(),
                    reminder.text(), reminder.done(), old.createdAt());
            state.reminders.put(old.id(), stored);
            return stored;
        }

        @Override
        public boolean delete(long reminderId) {
            return live().reminders.remove(reminderId) != null;
        }

        @Override
        public Optional<Reminder> find(long reminderId) {
            return Optional.ofNullable(live().reminders.get(reminderId));
        }

        @Override
        public List<Reminder> of(long contactId) {
            return live().reminders.values().stream().filter(r -> r.contactId() == contactId).sorted(SOONEST).toList();
        }

        @Override
        public List<Reminder> openFor(long assigneeId) {
            return live().reminders.values().stream()
                    .filter(r -> r.assigneeId() == assigneeId && !r.done()).sorted(SOONEST).toList();
        }
    }

    private static final Comparator<Reminder> SOONEST =
            Comparator.comparing(Reminder::dueAt).thenComparingLong(Reminder::id);

    private final class Stages implements StageStore {
        @Override
        public List<Stage> all() {
            return live().stages.values().stream()
                    .sorted(Comparator.comparingInt(Stage::position).thenComparingLong(Stage::id)).toList();
        }

        @Override
        public Optional<Stage> find(long stageId) {
            return Optional.ofNullable(live().stages.get(stageId));
        }

        @Override
        public Stage insert(Stage stage) {
            return insert(stage, IdAssignment.STORE);
        }

        @Override
        public Stage insert(Stage stage, IdAssignment ids) {
            requireUniqueName(stage.name(), 0);
            long id = ids == IdAssignment.GIVEN ? givenId(stage.id(), state.stages) : state.nextId();
            Stage stored = new Stage(id, stage.name(), stage.position());
            state.stages.put(id, stored);
            state.bumpStages();
            return stored;
        }

        @Override
        public Stage update(Stage stage) {
            if (!live().stages.containsKey(stage.id())) {
                throw new CrmNotFoundException("stage", stage.id());
            }
            requireUniqueName(stage.name(), stage.id());
            state.stages.put(stage.id(), stage);
            state.bumpStages();
            return stage;
        }

        @Override
        public boolean delete(long stageId) {
            if (!live().stages.containsKey(stageId)) {
                return false;
            }
            for (ContactRow row : state.contacts.values()) {
                if (Long.valueOf(stageId).equals(row.values().get(StandardFields.STAGE))) {
                    throw new CrmValidationException(Violation.of(StandardFields.STAGE, "in_use",
                            "cannot be deleted while contacts are at it"));
                }
            }
            state.stages.remove(stageId);
            state.bumpStages();
            return true;
        }

        private void requireUniqueName(String name, long exceptId) {
            for (Stage s : live().stages.values()) {
                if (s.id() != exceptId && s.name().equals(name)) {
                    throw notUnique("name");
                }
            }
        }
    }

    private final class Users implements UserStore {
        @Override
        public User insert(User user) {
            long id = user.id() == 0 ? Math.max(live().nextId(), state.users.isEmpty() ? 1 : state.users.lastKey() + 1)
                    : user.id();
            if (live().users.containsKey(id)) {
                throw notUnique("id");
            }
            requireUniqueLogin(user.login(), 0);
            User stored = new User(id, user.login(), user.displayName(), user.roleNames(), user.teamIds(), user.active());
            state.users.put(id, stored);
            state.bumpUsers();
            return stored;
        }

        @Override
        public User update(User user) {
            if (!live().users.containsKey(user.id())) {
                throw new CrmNotFoundException("user", user.id());
            }
            requireUniqueLogin(user.login(), user.id());
            state.users.put(user.id(), user);
            state.bumpUsers();
            return user;
        }

        @Override
        public Optional<User> find(long userId) {
            return Optional.ofNullable(live().users.get(userId));
        }

        @Override
        public Optional<User> findByLogin(String login) {
            return live().users.values().stream().filter(u -> u.login().equals(login)).findFirst();
        }

        @Override
        public List<User> all() {
            return List.copyOf(live().users.values());
        }

        @Override
        public Map<Long, Set<Long>> teamsOf(Collection<Long> userIds) {
            Map<Long, Set<Long>> out = new HashMap<>();
            for (Long id : userIds) {
                User user = live().users.get(id);
                if (user != null) {
                    out.put(id, user.teamIds());
                }
            }
            return out;
        }

        private void requireUniqueLogin(String login, long exceptId) {
            for (User u : live().users.values()) {
                if (u.id() != exceptId && u.login().equals(login)) {
                    throw notUnique("login");
                }
            }
        }
    }

    private final class Roles implements RoleStore {
        @Override
        public void save(Role role) {
            live().roles.put(role.name(), role);
            state.bumpRoles();
        }

        @Override
        public boolean delete(String name) {
            if (live().roles.remove(name) == null) {
                return false;
            }
            state.bumpRoles();
            return true;
        }

        @Override
        public Optional<Role> find(String name) {
            return Optional.ofNullable(live().roles.get(name));
        }

        @Override
        public List<Role> all() {
            return List.copyOf(live().roles.values());
        }
    }

    // ---- the audit trail (issue 12) ---------------------------------------------------------------------------

    /** The purge this unit of work asked for, applied at its commit: {@code 0} for none. */
    private long deleteThrough;

    /** Applies this unit of work's purge; the store calls it after {@link #beforeCommit()}, under its lock. */
    void commitAudit() {
        if (deleteThrough > 0) {
            log.deleteThrough(deleteThrough);
        }
    }

    @Override
    protected Optional<io.roostcrm.core.spi.AuditStore> openAudit() {
        return Optional.of(new io.roostcrm.core.spi.AuditStore() {
            @Override
            public void linkWith(io.roostcrm.core.spi.AuditChain chain) {
                // the support class hands the chain to the change log's write
            }

            @Override
            public io.roostcrm.core.spi.AuditHead head() {
                return log.head();
            }

            @Override
            public List<io.roostcrm.core.spi.AuditLink> links(long afterSequence, int limit) {
                return log.links(Math.max(afterSequence, deleteThrough), limit);
            }

            @Override
            public Optional<io.roostcrm.core.spi.AuditLink> link(long sequence) {
                return sequence <= deleteThrough ? Optional.empty() : log.link(sequence);
            }

            @Override
            public List<io.roostcrm.core.spi.ChangeEntry> query(io.roostcrm.core.audit.AuditQuery query) {
                return log.query(query.afterSequence() >= deleteThrough ? query
                        : query.page(deleteThrough, query.limit()));
            }

            @Override
            public long lastSequenceBefore(java.time.Instant time) {
                return Math.max(log.lastSequenceBefore(time), 0);
            }

            @Override
            public long deleteThrough(long sequence) {
                long before = log.countThrough(deleteThrough);
                deleteThrough = Math.max(deleteThrough, sequence);
                return log.countThrough(deleteThrough) - before;
            }
        });
    }
}
