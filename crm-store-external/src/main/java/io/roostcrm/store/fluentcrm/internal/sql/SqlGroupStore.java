package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.StoreContext;
import io.roostcrm.store.fluentcrm.internal.mapping.PivotTypes;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists ({@code fc_lists}) or tags ({@code fc_tags}) and memberships in {@code fc_subscriber_pivot}, written as
 * FluentCRM writes them: {@code object_type} the model's class name (bound), {@code status} NULL, {@code is_public} 1.
 * Old installs may hold duplicate pivot rows: reads de-duplicate, removal deletes them all, adding is idempotent.
 */
final class SqlGroupStore implements GroupStore {

    private static final int MAX_DESCRIPTION_BYTES = 255; // TINYTEXT

    private final GroupKind kind;
    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final StoreContext context;
    private final Tables t;
    private final String table;
    private final String objectType;

    SqlGroupStore(UnitOfWork work, GroupKind kind) {
        this.work = work;
        this.kind = kind;
        this.jdbc = work.jdbc();
        this.context = work.context();
        this.t = work.tables();
        this.table = kind == GroupKind.LIST ? t.lists() : t.tags();
        this.objectType = PivotTypes.of(kind);
    }

    private String entity() {
        return kind == GroupKind.LIST ? "list" : "tag";
    }

    @Override
    public ContactGroup insert(ContactGroup group) {
        check(group, 0);
        String now = context.now();
        long id = jdbc.insert("INSERT INTO " + table + " (title, slug, description, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?)", group.name(), group.slug(), emptyToNull(group.description()), now, now);
        return new ContactGroup(id, kind, group.name(), group.slug(), group.description());
    }

    @Override
    public ContactGroup update(ContactGroup group) {
        if (find(group.id()).isEmpty()) {
            throw new CrmNotFoundException(entity(), group.id());
        }
        check(group, group.id());
        jdbc.update("UPDATE " + table + " SET title = ?, slug = ?, description = ?, updated_at = ? WHERE id = ?",
                group.name(), group.slug(), emptyToNull(group.description()), context.now(), group.id());
        return new ContactGroup(group.id(), kind, group.name(), group.slug(), group.description());
    }

    private void check(ContactGroup group, long self) {
        // FluentCRM keeps slugs unique in its controllers only (no unique index): so does Roost.
        if (jdbc.number("SELECT COUNT(*) FROM " + table + " WHERE slug = ? AND id <> ?", group.slug(), self) > 0) {
            throw new CrmValidationException(Violation.of("slug", "unique", "is already taken"));
        }
        if (group.description().getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
            throw new CrmValidationException(Violation.of("description", "max_length",
                    "must be at most 255 bytes in FluentCRM"));
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public boolean delete(long groupId) {
        // The group's row first, exclusively: a membership being added meanwhile holds it shared, so the two take
        // turns and no membership of a deleted group stays behind.
        jdbc.first("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), groupId);
        jdbc.update("DELETE FROM " + t.pivot() + " WHERE object_type = ? AND object_id = ?", objectType, groupId);
        return jdbc.update("DELETE FROM " + table + " WHERE id = ?", groupId) > 0;
    }

    @Override
    public Optional<ContactGroup> find(long groupId) {
        return jdbc.first("SELECT id, title, slug, description FROM " + table + " WHERE id = ?", this::group, groupId);
    }

    @Override
    public List<ContactGroup> all() {
        return jdbc.query("SELECT id, title, slug, description FROM " + table + " ORDER BY title, id", this::group);
    }

    private ContactGroup group(java.sql.ResultSet rs) throws java.sql.SQLException {
        String description = rs.getString(4);
        return new ContactGroup(rs.getLong(1), kind, rs.getString(2), rs.getString(3),
                description == null ? "" : description);
    }

    @Override
    public void add(long contactId, long groupId) {
        work.lockContact(contactId);
        work.lockRow(table, groupId, entity());
        long present = jdbc.number("SELECT COUNT(*) FROM " + t.pivot()
                + " WHERE subscriber_id = ? AND object_id = ? AND object_type = ?", contactId, groupId, objectType);
        if (present > 0) {
            return;
        }
        String now = context.now();
        jdbc.update("INSERT INTO " + t.pivot() + " (subscriber_id, object_id, object_type, status, is_public,"
                + " created_at, updated_at) VALUES (?, ?, ?, NULL, 1, ?, ?)", contactId, groupId, objectType, now, now);
    }

    @Override
    public void remove(long contactId, long groupId) {
        jdbc.update("DELETE FROM " + t.pivot() + " WHERE subscriber_id = ? AND object_id = ? AND object_type = ?",
                contactId, groupId, objectType);
    }

    @Override
    public Map<Long, Set<Long>> groupsOf(Collection<Long> contactIds) {
        Map<Long, Set<Long>> out = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(contactIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> params = new ArrayList<>();
            params.add(objectType);
            params.addAll(chunk);
            jdbc.query("SELECT DISTINCT subscriber_id, object_id FROM " + t.pivot() + " WHERE object_type = ?"
                            + " AND subscriber_id IN (" + String.join(", ", chunk.stream().map(i -> "?").toList())
                            + ") ORDER BY subscriber_id, object_id",
                    rs -> out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2)), params);
        }
        return out;
    }
}
