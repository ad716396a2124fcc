package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmPermissionDeniedException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.ContactGroup;
import io.roostcrm.core.query.Filter.GroupKind;
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
        require(session.access(), EntityAction.READ);
        return session.work(tx -> tx.groups(kind).all());
    }

    @Override
    public ContactGroup create(String name, String description) {
        require(session.access(), EntityAction.CREATE);
        ContactGroup group = validated(0, name, description);
        return session.work(tx -> tx.groups(kind).insert(group));
    }

    @Override
    public ContactGroup rename(long groupId, String name, String description) {
        require(session.access(), EntityAction.UPDATE);
        ContactGroup group = validated(groupId, name, description);
        return session.work(tx -> {
            tx.groups(kind).find(groupId).orElseThrow(() -> new CrmNotFoundException(entity, groupId));
            return tx.groups(kind).update(group);
        });
    }

    @Override
    public void delete(long groupId) {
        require(session.access(), EntityAction.DELETE);
        session.work(tx -> {
            tx.groups(kind).find(groupId).orElseThrow(() -> new CrmNotFoundException(entity, groupId));
            return tx.groups(kind).delete(groupId);
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
        Access access = session.access();
        session.work(tx -> {
            Access.Loaded loaded = access.require(tx, contactId);
            if (!access.policy().can(type, EntityAction.UPDATE, loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(type, EntityAction.UPDATE, loaded.ownership()).rule(),
                        "you may not change this contact's " + QueryGuard.plural(type));
            }
            tx.groups(kind).find(groupId).orElseThrow(() -> new CrmNotFoundException(entity, groupId));
            if (add) {
                tx.groups(kind).add(contactId, groupId);
            } else {
                tx.groups(kind).remove(contactId, groupId);
            }
            return null;
        });
    }

    @Override
    public Set<Long> of(long contactId) {
        Access access = session.access();
        return session.work(tx -> {
            Access.Loaded loaded = access.require(tx, contactId);
            if (!access.policy().can(type, EntityAction.READ, loaded.ownership())) {
                throw new CrmPermissionDeniedException(
                        access.policy().explain(type, EntityAction.READ, loaded.ownership()).rule(),
                        "you may not read this contact's " + QueryGuard.plural(type));
            }
            Set<Long> groups = tx.groups(kind).groupsOf(List.of(contactId)).get(contactId);
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
