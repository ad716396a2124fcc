package io.roostcrm.core.internal;

import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.contact.Note;
import io.roostcrm.core.contact.Reminder;
import io.roostcrm.core.contact.Stage;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.Change;
import io.roostcrm.core.spi.ChangeEntity;
import io.roostcrm.core.spi.ChangeOperation;
import io.roostcrm.core.spi.ContactRow;
import io.roostcrm.core.spi.FieldChange;
import io.roostcrm.core.spi.RoleCodec;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The change-log entries the service writes: one per change to a contact, note, reminder, list or tag, membership,
 * custom field, role, user or stage, in the unit of work of the change, with exactly the fields it changed and their
 * values before and after. A contact's entries carry its owner as the pseudo-field {@value #OWNER}; a deleted
 * contact's entry (its tombstone) carries every value it had. Also the event recorded when a call is refused.
 */
final class Changes {

    /** The pseudo-field of a contact's owner (a user id; absent when unassigned). */
    static final String OWNER = "owner";

    private Changes() {
    }

    private static void append(StoreTransaction tx, Change change) {
        tx.changeLog().ifPresent(log -> log.append(change));
    }

    // ---- contacts ---------------------------------------------------------------------------------------------

    /** A contact created (or imported) with these values. */
    static Change contactCreated(long contactId, long ownerId, Map<String, Object> values) {
        List<FieldChange> fields = new ArrayList<>(values.size() + 1);
        if (ownerId != 0) {
            fields.add(FieldChange.set(OWNER, ownerId));
        }
        values.forEach((key, value) -> fields.add(FieldChange.set(key, value)));
        return Change.of(ChangeEntity.CONTACT, contactId, contactId, ChangeOperation.CREATE, fields);
    }

    /**
     * A contact's fields changed.
     *
     * @param before the values the changed fields had (absent: none)
     * @param set    the values set
     * @param clear  the fields cleared
     */
    static Change contactUpdated(long contactId, Map<String, Object> before, Map<String, Object> set,
                                 Set<String> clear) {
        Set<String> keys = new LinkedHashSet<>(set.keySet());
        keys.addAll(clear);
        List<FieldChange> fields = new ArrayList<>(keys.size());
        for (String key : keys) {
            FieldChange.between(key, Optional.ofNullable(before.get(key)), Optional.ofNullable(set.get(key)))
                    .ifPresent(fields::add);
        }
        return Change.of(ChangeEntity.CONTACT, contactId, contactId, ChangeOperation.UPDATE, fields);
    }

    /** A contact's owner changed. */
    static Change ownerChanged(long contactId, long before, long after) {
        List<FieldChange> fields = new ArrayList<>(1);
        FieldChange.between(OWNER, owner(before), owner(after)).ifPresent(fields::add);
        return Change.of(ChangeEntity.CONTACT, contactId, contactId, ChangeOperation.UPDATE, fields);
    }

    /** A contact deleted: its tombstone, with every value it had. */
    static Change contactDeleted(ContactRow before) {
        List<FieldChange> fields = new ArrayList<>(before.values().size() + 1);
        if (before.ownerId() != 0) {
            fields.add(FieldChange.cleared(OWNER, before.ownerId()));
        }
        before.values().forEach((key, value) -> fields.add(FieldChange.cleared(key, value)));
        return Change.of(ChangeEntity.CONTACT, before.id(), before.id(), ChangeOperation.DELETE, fields);
    }

    private static Optional<Long> owner(long ownerId) {
        return ownerId == 0 ? Optional.empty() : Optional.of(ownerId);
    }

    // ---- notes and reminders ----------------------------------------------------------------------------------

    private static Map<String, Object> values(Note note) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("type", note.type().name());
        values.put("title", note.title());
        values.put("body", note.body());
        values.put("happened_at", note.createdAt());
        values.put("author", note.authorId());
        return values;
    }

    static Change noteCreated(Note note) {
        return Change.of(ChangeEntity.NOTE, note.id(), note.contactId(), ChangeOperation.CREATE, created(values(note)));
    }

    static Change noteUpdated(Note before, Note after) {
        return Change.of(ChangeEntity.NOTE, after.id(), after.contactId(), ChangeOperation.UPDATE,
                changed(values(before), values(after)));
    }

    static Change noteDeleted(Note note) {
        return Change.of(ChangeEntity.NOTE, note.id(), note.contactId(), ChangeOperation.DELETE, deleted(values(note)));
    }

    private static Map<String, Object> values(Reminder reminder) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("assignee", reminder.assigneeId());
        values.put("due_at", reminder.dueAt());
        values.put("text", reminder.text());
        values.put("done", reminder.done());
        return values;
    }

    static Change reminderCreated(Reminder reminder) {
        return Change.of(ChangeEntity.REMINDER, reminder.id(), reminder.contactId(), ChangeOperation.CREATE,
                created(values(reminder)));
    }

    static Change reminderUpdated(Reminder before, Reminder after) {
        return Change.of(ChangeEntity.REMINDER, after.id(), after.contactId(), ChangeOperation.UPDATE,
                changed(values(before), values(after)));
    }

    static Change reminderDeleted(Reminder reminder) {
        return Change.of(ChangeEntity.REMINDER, reminder.id(), reminder.contactId(), ChangeOperation.DELETE,
                deleted(values(reminder)));
    }

    // ---- lists, tags and memberships --------------------------------------------------------------------------

    private static ChangeEntity entity(GroupKind kind) {
        return kind == GroupKind.LIST ? ChangeEntity.LIST : ChangeEntity.TAG;
    }

    private static Map<String, Object> values(ContactGroup group) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", group.name());
        values.put("slug", group.slug());
        values.put("description", group.description());
        return values;
    }

    static Change groupCreated(ContactGroup group) {
        return Change.of(entity(group.kind()), group.id(), 0, ChangeOperation.CREATE, created(values(group)));
    }

    static Change groupUpdated(ContactGroup before, ContactGroup after) {
        return Change.of(entity(after.kind()), after.id(), 0, ChangeOperation.UPDATE,
                changed(values(before), values(after)));
    }

    static Change groupDeleted(ContactGroup group) {
        return Change.of(entity(group.kind()), group.id(), 0, ChangeOperation.DELETE, deleted(values(group)));
    }

    /** A contact added to ({@code added}) or removed from a list or tag. */
    static Change membership(GroupKind kind, long groupId, long contactId, boolean added) {
        ChangeEntity entity = kind == GroupKind.LIST ? ChangeEntity.LIST_MEMBERSHIP : ChangeEntity.TAG_MEMBERSHIP;
        return Change.of(entity, groupId, contactId, added ? ChangeOperation.CREATE : ChangeOperation.DELETE, List.of());
    }

    // ---- fields, roles, users and stages ----------------------------------------------------------------------

    private static Map<String, Object> values(FieldDefinition field) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("label", field.label());
        values.put("type", field.type().name());
        values.put("options", field.options());
        values.put("required", field.required());
        values.put("active", field.active());
        values.put("read_only", field.readOnly());
        values.put("sensitive", field.sensitive());
        return values;
    }

    static Change fieldDefined(FieldDefinition field) {
        return new Change(ChangeEntity.FIELD, field.key(), 0, ChangeOperation.CREATE, created(values(field)));
    }

    static Change fieldUpdated(FieldDefinition before, FieldDefinition after) {
        return new Change(ChangeEntity.FIELD, after.key(), 0, ChangeOperation.UPDATE,
                changed(values(before), values(after)));
    }

    static Change fieldRemoved(FieldDefinition field) {
        return new Change(ChangeEntity.FIELD, field.key(), 0, ChangeOperation.DELETE, deleted(values(field)));
    }

    /** A role created ({@code before} empty), replaced, or deleted ({@code after} empty); its definition as data. */
    static Change role(String name, Optional<Role> before, Optional<Role> after) {
        ChangeOperation operation = before.isEmpty() ? ChangeOperation.CREATE
                : after.isEmpty() ? ChangeOperation.DELETE : ChangeOperation.UPDATE;
        List<FieldChange> fields = new ArrayList<>(1);
        FieldChange.between("definition", before.map(RoleCodec::encode), after.map(RoleCodec::encode))
                .ifPresent(fields::add);
        return new Change(ChangeEntity.ROLE, name, 0, operation, fields);
    }

    private static Map<String, Object> values(User user) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("login", user.login());
        values.put("display_name", user.displayName());
        values.put("roles", user.roleNames());
        values.put("teams", user.teamIds().stream().sorted().toList());
        values.put("active", user.active());
        return values;
    }

    static Change userCreated(User user) {
        return Change.of(ChangeEntity.USER, user.id(), 0, ChangeOperation.CREATE, created(values(user)));
    }

    static Change userUpdated(User before, User after) {
        return Change.of(ChangeEntity.USER, after.id(), 0, ChangeOperation.UPDATE, changed(values(before), values(after)));
    }

    private static Map<String, Object> values(Stage stage) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", stage.name());
        values.put("position", (long) stage.position());
        return values;
    }

    /** A stage created; written by the runtime's seeding too, hence on a bare transaction. */
    static void stageCreated(StoreTransaction tx, Stage stage) {
        append(tx, Change.of(ChangeEntity.STAGE, stage.id(), 0, ChangeOperation.CREATE, created(values(stage))));
    }

    static Change stageUpdated(Stage before, Stage after) {
        return Change.of(ChangeEntity.STAGE, after.id(), 0, ChangeOperation.UPDATE, changed(values(before), values(after)));
    }

    static Change stageDeleted(Stage stage) {
        return Change.of(ChangeEntity.STAGE, stage.id(), 0, ChangeOperation.DELETE, deleted(values(stage)));
    }

    // ---- imports and exports (issue 12) -----------------------------------------------------------------------

    /** One batch of an import, with its counts (the rows it wrote have entries of their own). */
    static Change importBatch(long firstRow, long created, long updated, long failed) {
        return new Change(ChangeEntity.IMPORT, Long.toString(firstRow), 0, ChangeOperation.EVENT, List.of(
                FieldChange.set("created", created), FieldChange.set("updated", updated),
                FieldChange.set("failed", failed)));
    }

    /** An export: its format, how many rows, and the field keys its filter names. */
    static Change export(String format, long rows, List<String> filterFields) {
        List<FieldChange> fields = new ArrayList<>(2);
        fields.add(FieldChange.set("rows", rows));
        if (!filterFields.isEmpty()) {
            fields.add(FieldChange.set("filter", List.copyOf(filterFields)));
        }
        return new Change(ChangeEntity.EXPORT, format, 0, ChangeOperation.EVENT, fields);
    }

    // ---- refusals ---------------------------------------------------------------------------------------------

    /**
     * A refused call: which operation, on which contact if one, and the engine's rule. The refusal's message is not
     * kept: it may name a field, and the log's readers are filtered by their own rights, field by field.
     */
    static Change refusal(String operation, long contactId, CrmPermissionDeniedException refusal) {
        List<FieldChange> fields = List.of(FieldChange.set("rule", refusal.rule().name()));
        return new Change(ChangeEntity.ACCESS, operation, contactId, ChangeOperation.REFUSE, fields);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static List<FieldChange> created(Map<String, Object> values) {
        List<FieldChange> fields = new ArrayList<>(values.size());
        values.forEach((key, value) -> fields.add(FieldChange.set(key, value)));
        return fields;
    }

    private static List<FieldChange> deleted(Map<String, Object> values) {
        List<FieldChange> fields = new ArrayList<>(values.size());
        values.forEach((key, value) -> fields.add(FieldChange.cleared(key, value)));
        return fields;
    }

    private static List<FieldChange> changed(Map<String, Object> before, Map<String, Object> after) {
        List<FieldChange> fields = new ArrayList<>();
        for (String key : after.keySet()) {
            FieldChange.between(key, Optional.ofNullable(before.get(key)), Optional.ofNullable(after.get(key)))
                    .ifPresent(fields::add);
        }
        return fields;
    }
}
