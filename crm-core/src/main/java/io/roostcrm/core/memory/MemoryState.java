package io.roostcrm.core.memory;

import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.Epoch;
import io.roostcrm.permissions.Role;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Everything the store holds; copied at the start of each unit of work (rows are immutable, so copies are shallow). */
final class MemoryState {

    record Membership(GroupKind kind, long contactId, long groupId) {
    }

    long nextId = 1;
    /** Rolls back with the rest of the copy when a unit of work fails, as a database row would. */
    Epoch epoch = new Epoch(0, 0, 0, 0);
    final TreeMap<Long, ContactRow> contacts;
    final LinkedHashMap<String, FieldDefinition> fields;
    final EnumMap<GroupKind, TreeMap<Long, ContactGroup>> groups;
    final Set<Membership> memberships;
    final TreeMap<Long, Note> notes;
    final TreeMap<Long, Reminder> reminders;
    final TreeMap<Long, Stage> stages;
    final TreeMap<Long, User> users;
    final TreeMap<String, Role> roles;
    final TreeMap<String, String> settings;
    final MemorySecurity security;

    MemoryState() {
        contacts = new TreeMap<>();
        fields = new LinkedHashMap<>();
        groups = new EnumMap<>(GroupKind.class);
        for (GroupKind kind : GroupKind.values()) {
            groups.put(kind, new TreeMap<>());
        }
        memberships = new HashSet<>();
        notes = new TreeMap<>();
        reminders = new TreeMap<>();
        stages = new TreeMap<>();
        users = new TreeMap<>();
        roles = new TreeMap<>();
        settings = new TreeMap<>();
        security = new MemorySecurity();
    }

    private MemoryState(MemoryState other) {
        nextId = other.nextId;
        epoch = other.epoch;
        contacts = new TreeMap<>(other.contacts);
        fields = new LinkedHashMap<>(other.fields);
        groups = new EnumMap<>(GroupKind.class);
        for (Map.Entry<GroupKind, TreeMap<Long, ContactGroup>> e : other.groups.entrySet()) {
            groups.put(e.getKey(), new TreeMap<>(e.getValue()));
        }
        memberships = new HashSet<>(other.memberships);
        notes = new TreeMap<>(other.notes);
        reminders = new TreeMap<>(other.reminders);
        stages = new TreeMap<>(other.stages);
        users = new TreeMap<>(other.users);
        roles = new TreeMap<>(other.roles);
        settings = new TreeMap<>(other.settings);
        security = other.security.copy();
    }

    MemoryState copy() {
        return new MemoryState(this);
    }

    long nextId() {
        return nextId++;
    }

    void bumpFields() {
        epoch = new Epoch(epoch.fields() + 1, epoch.roles(), epoch.users(), epoch.stages());
    }

    void bumpRoles() {
        epoch = new Epoch(epoch.fields(), epoch.roles() + 1, epoch.users(), epoch.stages());
    }

    void bumpUsers() {
        epoch = new Epoch(epoch.fields(), epoch.roles(), epoch.users() + 1, epoch.stages());
    }

    void bumpStages() {
        epoch = new Epoch(epoch.fields(), epoch.roles(), epoch.users(), epoch.stages() + 1);
    }
}
