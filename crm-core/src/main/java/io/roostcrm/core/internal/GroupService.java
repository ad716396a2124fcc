package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.query.Filter.GroupKind;
import io.roostcrm.core.spi.GroupStore;
import io.roostcrm.permissions.EntityAction;
import io.roostcrm.permissions.EntityType;
import io.roostcrm.permissions.Rule;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Lists or tags: entity rights of the caller's roles, combined with the contact's scope for memberships. */
final class GroupService implements CrmSession.Groups {

    private final DefaultCrmSession session;
    private final GroupKind kind;
    private final EntityType type;
    private final String entity;

    GroupService(DefaultCrmSession session, GroupKind kind) {
        this.session = session;
        this.kind = kind;
        this.type = kind == GroupKind.LIST ? EntityType.LIST : EntityType.TAG;
        this.entity = kind == GroupKind.LIST ? "list" : "tag";
    }

    @Override
    public List<ContactGroup> all() {
        return session.work(entity + "s.all", call -> {
            require(call.access(), EntityAction.READ);
            return call.tx().groups(kind).all();
        });
    }

    @Override
    public ContactGroup create(String name, String description) {
        return session.work(entity + "s.create", call -> {
            require(call.access(), EntityAction.CREATE);
            ContactGroup group = validated(0, name, description);
            ContactGroup created = call.tx().groups(kind).insert(group);
            call.record(Changes.groupCreated(created));
            return created;
        });
    }

    @Override
    public ContactGroup rename(long groupId, String name, String description) {
        return session.work(entity + "s.rename", call -> {
            require(call.access(), EntityAction.UPDATE);
            ContactGroup group = validated(groupId, name, description);
            GroupStore groups = call.tx().groups(kind);
            ContactGroup before = groups.find(groupId).orElseThrow(() -> new CrmNotFoundException(entity, groupId));
            ContactGroup renamed = groups.update(group);
            call.record(Changes.groupUpdated(before, renamed));
            return renamed;
        });
    }

    @Override
    public void delete(long groupId) {
        session.work(entity + "s.delete", call -> {
            require(call.access(), EntityAction.DELETE);
            GroupStore groups = call.tx().groups(kind);
            ContactGroup before = groups.find(groupId).orElseThrow(() -> new CrmNotFoundException(entity, groupId));
            if (groups.delete(groupId)) {
                call.record(Changes.groupDeleted(before));
            }
            return null;
        });
    }

    @Override
    public void add(long contactId, long groupId) {
        changeMembership(contactId, groupId, true);
    }

    @Override
    public void remove(long contactId, long groupId) {
        changeMembership(contactId, groupId, false);
    }

    private void changeMembership(long contactId, long groupId, boolean add) {
        session.work(entity + "s." + (add ? "add" : "remove"), call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            if (!access.policy().can(type, EntityAction.UPDATE, loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(type, EntityAction.UPDATE, loaded.ownership()).rule(),
                        "you may not change this contact's " + QueryGuard.plural(type));
            }
            GroupStore groups = call.tx().groups(kind);
            groups.find(groupId).orElseThrow(() -> new CrmNotFoundException(entity, groupId));
            // Adding a membership that exists (or removing one that does not) changes nothing, and logs nothing.
            Set<Long> current = groups.groupsOf(List.of(contactId)).getOrDefault(contactId, Set.of());
            if (current.contains(groupId) == add) {
                return null;
            }
            if (add) {
                groups.add(contactId, groupId);
            } else {
                groups.remove(contactId, groupId);
            }
            call.record(Changes.membership(kind, groupId, contactId, add));
            return null;
        });
    }

    @Override
    public Set<Long> of(long contactId) {
        return session.work(entity + "s.of", call -> {
            Access.Loaded loaded = call.require(contactId);
            Access access = call.access();
            if (!access.policy().can(type, EntityAction.READ, loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(type, EntityAction.READ, loaded.ownership()).rule(),
                        "you may not read this contact's " + QueryGuard.plural(type));
            }
            Set<Long> groups = call.tx().groups(kind).groupsOf(List.of(contactId)).get(contactId);
            return groups == null ? Set.of() : Set.copyOf(groups);
        });
    }

    private void require(Access access, EntityAction action) {
        if (!access.policy().can(type, action)) {
            throw new CrmPermissionDeniedException(Rule.MISSING_ENTITY_RIGHT,
                    "you may not " + action.name().toLowerCase(Locale.ROOT) + " " + QueryGuard.plural(type));
        }
    }

    private ContactGroup validated(long id, String name, String description) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        List<Violation> violations = new ArrayList<>();
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 190) {
            violations.add(Violation.of("name", "length", "must be 1 to 190 characters"));
        } else {
            TextRules.collect(violations, TextRules.check("name", trimmed, TextRules.Kind.LINE));
        }
        if (description.length() > 255) {
            violations.add(Violation.of("description", "max_length", "must be at most 255 characters"));
        } else {
            TextRules.collect(violations, TextRules.check("description", description, TextRules.Kind.MULTI_LINE));
        }
        String slug = slug(trimmed);
        if (violations.isEmpty() && slug.isEmpty()) {
            violations.add(Violation.of("name", "slug", "must contain a letter or digit"));
        }
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
        return new ContactGroup(id, kind, trimmed, slug, description);
    }

    /** Lower case; every run of characters other than ASCII letters and digits becomes one '-'; no '-' at the ends. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 190 ? slug.substring(0, 190).replaceAll("-+$", "") : slug;
    }
}
