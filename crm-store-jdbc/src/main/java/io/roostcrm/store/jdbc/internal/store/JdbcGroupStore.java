package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.core.spi.IdAssignment;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.CONTACT_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DESCRIPTION;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.GROUP_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.KIND;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.NAME;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.SLUG;

/** Lists or tags (one kind per instance) in {@code roost_group}, memberships in {@code roost_membership}. */
public final class JdbcGroupStore extends SubStore implements GroupStore {

    private static final Optional<String> SLUG_FIELD = Optional.of("slug");

    private final GroupKind kind;

    public JdbcGroupStore(JdbcStoreTransaction tx, GroupKind kind) {
        super(tx);
        this.kind = kind;
    }

    private String entity() {
        return kind == GroupKind.LIST ? "list" : "tag";
    }

    private Condition ofKind() {
        return KIND.eq(kind.name());
    }

    @Override
    public ContactGroup insert(ContactGroup group) {
        return insert(group, IdAssignment.STORE);
    }

    @Override
    public ContactGroup insert(ContactGroup group, IdAssignment ids) {
        Objects.requireNonNull(group, "group");
        return run("insert a " + entity(), SLUG_FIELD, () -> {
            Map<Field<?>, Object> values = new LinkedHashMap<>();
            values.put(KIND, kind.name());
            values.put(NAME, group.name());
            values.put(SLUG, group.slug());
            values.put(DESCRIPTION, group.description());
            long id = insertRow(tables().group(), "roost_group", ids, group.id(), values);
            return new ContactGroup(id, kind, group.name(), group.slug(), group.description());
        });
    }

    @Override
    public ContactGroup update(ContactGroup group) {
        Objects.requireNonNull(group, "group");
        return run("update a " + entity(), SLUG_FIELD, () -> {
            int updated = dsl().update(tables().group())
                    .set(NAME, group.name())
                    .set(SLUG, group.slug())
                    .set(DESCRIPTION, group.description())
                    .where(ID.eq(group.id())).and(ofKind()).execute();
            if (updated == 0) {
                throw new CrmNotFoundException(entity(), group.id());
            }
            return new ContactGroup(group.id(), kind, group.name(), group.slug(), group.description());
        });
    }

    @Override
    public boolean delete(long groupId) {
        return run("delete a " + entity(), () -> {
            int deleted = dsl().deleteFrom(tables().group()).where(ID.eq(groupId)).and(ofKind()).execute();
            if (deleted > 0) {
                dsl().deleteFrom(tables().membership()).where(GROUP_ID.eq(groupId)).execute();
            }
            return deleted > 0;
        });
    }

    @Override
    public Optional<ContactGroup> find(long groupId) {
        return run("read a " + entity(), () -> dsl().select(ID, NAME, SLUG, DESCRIPTION).from(tables().group())
                .where(ID.eq(groupId)).and(ofKind()).fetchOptional().map(this::toGroup));
    }

    @Override
    public List<ContactGroup> all() {
        return run("read " + entity() + "s", () -> {
            List<ContactGroup> groups = new ArrayList<>();
            for (Record r : dsl().select(ID, NAME, SLUG, DESCRIPTION).from(tables().group()).where(ofKind()).fetch()) {
                groups.add(toGroup(r));
            }
            // By name in Java's order, the same on every database whatever its collation.
            groups.sort(Comparator.comparing(ContactGroup::name).thenComparingLong(ContactGroup::id));
            return groups;
        });
    }

    @Override
    public void add(long contactId, long groupId) {
        run("add a contact to a " + entity(), () -> {
            if (!lockForReference(tables().contact(), contactId)) {
                throw new CrmNotFoundException("contact", contactId);
            }
            if (!lockForReference(tables().group(), groupId)) {
                throw new CrmNotFoundException(entity(), groupId);
            }
            boolean present = dsl().fetchExists(tables().membership(),
                    CONTACT_ID.eq(contactId).and(GROUP_ID.eq(groupId)));
            if (!present) {
                // The contact or the group may have been deleted meanwhile by another node.
                guardingParents(() -> dsl().insertInto(tables().membership(), CONTACT_ID, GROUP_ID)
                        .values(contactId, groupId).execute(), key -> key.equals("fk_roost_membership_group")
                        ? new CrmNotFoundException(entity(), groupId) : new CrmNotFoundException("contact", contactId));
            }
            return null;
        });
    }

    @Override
    public void remove(long contactId, long groupId) {
        run("remove a contact from a " + entity(), () -> dsl().deleteFrom(tables().membership())
                .where(CONTACT_ID.eq(contactId)).and(GROUP_ID.eq(groupId)).execute());
    }

    @Override
    public Map<Long, Set<Long>> groupsOf(Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return Map.of();
        }
        return run("read " + entity() + " memberships", () -> {
            Map<Long, Set<Long>> groups = new HashMap<>();
            for (List<Long> chunk : chunks(new LinkedHashSet<>(contactIds), CHUNK)) {
                for (Record r : dsl().select(CONTACT_ID, GROUP_ID).from(tables().membership())
                        .where(CONTACT_ID.in(chunk))
                        .and(GROUP_ID.in(dsl().select(ID).from(tables().group()).where(ofKind())))
                        .orderBy(CONTACT_ID, GROUP_ID).fetch()) {
                    groups.computeIfAbsent(r.get(CONTACT_ID), k -> new LinkedHashSet<>()).add(r.get(GROUP_ID));
                }
            }
            Map<Long, Set<Long>> result = new HashMap<>();
            groups.forEach((contact, ids) -> result.put(contact, Set.copyOf(ids)));
            return result;
        });
    }

    private ContactGroup toGroup(Record r) {
        return new ContactGroup(r.get(ID), kind, r.get(NAME), r.get(SLUG), r.get(DESCRIPTION));
    }
}
