package io.roostcrm.permissions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A reference evaluator written straight from DESIGN.md §3: it iterates over the subject's roles and asks each
 * role, on its own, whether it grants a right within its own scope. No bit sets, no scope classes, no caching.
 */
final class NaivePolicy {

    private final FieldRegistry fields;
    private final Subject subject;

    NaivePolicy(FieldRegistry fields, Subject subject) {
        this.fields = fields;
        this.subject = subject;
    }

    // ---- scopes ---------------------------------------------------------------------------------------------

    /** Whether a scope held by the subject reaches a contact (owned: own or unassigned; team: plus teammates'). */
    boolean covers(Scope scope, Ownership contact) {
        boolean ownOrUnassigned = contact.owner().isEmpty() || contact.owner().getAsLong() == subject.userId();
        return switch (scope) {
            case NONE -> false;
            case OWNED -> ownOrUnassigned;
            case TEAM -> ownOrUnassigned || !Collections.disjoint(contact.ownerTeamIds(), subject.teamIds());
            case ALL -> true;
        };
    }

    private boolean known(String key) {
        return fields.fields().stream().anyMatch(f -> f.key().equals(key));
    }

    private boolean readOnly(String key) {
        return fields.fields().stream().anyMatch(f -> f.key().equals(key) && f.readOnly());
    }

    // ---- what one role grants -------------------------------------------------------------------------------

    boolean roleReads(Role role, String key, Ownership contact) {
        if (!known(key)) {
            return false;
        }
        return role.isSuperAdmin() || (role.fieldRights(key).read() && covers(role.viewScope(), contact));
    }

    boolean roleUpdates(Role role, String key, Ownership contact) {
        if (!known(key)) {
            return false;
        }
        FieldRights rights = role.fieldRights(key);
        return role.isSuperAdmin()
                || (rights.update() && rights.read() && covers(role.updateScope(), contact) && !readOnly(key));
    }

    boolean roleCreates(Role role, String key) {
        if (!known(key)) {
            return false;
        }
        return role.isSuperAdmin() || (role.fieldRights(key).create() && !readOnly(key));
    }

    boolean roleViews(Role role, Ownership contact) {
        return role.isSuperAdmin() || covers(role.viewScope(), contact);
    }

    boolean roleUpdatesContact(Role role, Ownership contact) {
        return role.isSuperAdmin() || covers(role.updateScope(), contact);
    }

    boolean roleDeletes(Role role, Ownership contact) {
        return role.isSuperAdmin() || (role.canDelete() && covers(role.updateScope(), contact));
    }

    boolean roleCreatesContacts(Role role) {
        return role.isSuperAdmin() || role.canCreateContacts();
    }

    boolean roleCan(Role role, EntityType type, EntityAction action, Ownership contact) {
        if (role.isSuperAdmin()) {
            return true;
        }
        boolean changes = action == EntityAction.UPDATE || action == EntityAction.DELETE;
        return role.can(type, action) && covers(changes ? role.updateScope() : role.viewScope(), contact);
    }

    boolean roleCanAnywhere(Role role, EntityType type, EntityAction action) {
        return role.isSuperAdmin() || role.can(type, action);
    }

    /** Whether one role alone grants the action (field actions use {@code key}). */
    boolean roleGrants(Role role, Action action, Ownership contact, String key) {
        return switch (action) {
            case VIEW_CONTACT -> roleViews(role, contact);
            case CREATE_CONTACT -> roleCreatesContacts(role);
            case UPDATE_CONTACT -> roleUpdatesContact(role, contact);
            case DELETE_CONTACT -> roleDeletes(role, contact);
            case READ_FIELD -> roleReads(role, key, contact);
            case CREATE_FIELD -> roleCreates(role, key);
            case UPDATE_FIELD -> roleUpdates(role, key, contact);
        };
    }

    // ---- the subject: some single role grants it ------------------------------------------------------------

    private boolean anyRole(Predicate<Role> grants) {
        for (Role role : subject.roles()) {
            if (grants.test(role)) {
                return true;
            }
        }
        return false;
    }

    boolean isSuperAdmin() {
        return anyRole(Role::isSuperAdmin);
    }

    boolean canRead(String key, Ownership contact) {
        return anyRole(r -> roleReads(r, key, contact));
    }

    boolean canUpdate(String key, Ownership contact) {
        return anyRole(r -> roleUpdates(r, key, contact));
    }

    boolean canCreate(String key) {
        return anyRole(r -> roleCreates(r, key));
    }

    boolean canView(Ownership contact) {
        return anyRole(r -> roleViews(r, contact));
    }

    boolean canUpdate(Ownership contact) {
        return anyRole(r -> roleUpdatesContact(r, contact));
    }

    boolean canDelete(Ownership contact) {
        return anyRole(r -> roleDeletes(r, contact));
    }

    boolean canCreateContact() {
        return anyRole(this::roleCreatesContacts);
    }

    boolean can(EntityType type, EntityAction action, Ownership contact) {
        return anyRole(r -> roleCan(r, type, action, contact));
    }

    boolean can(EntityType type, EntityAction action) {
        return anyRole(r -> roleCanAnywhere(r, type, action));
    }

    /** A note's author may always change their own note on a contact they can view. */
    boolean canChangeNote(EntityAction action, long authorId, Ownership contact) {
        return can(EntityType.NOTE, action, contact) || (authorId == subject.userId() && canView(contact));
    }

    boolean allows(Action action, Ownership contact, String key) {
        return anyRole(r -> roleGrants(r, action, contact, key));
    }

    /** The names of the roles that grant the action on their own, in the subject's order. */
    List<String> grantingRoles(Action action, Ownership contact, String key) {
        List<String> names = new ArrayList<>();
        for (Role role : subject.roles()) {
            if (roleGrants(role, action, contact, key)) {
                names.add(role.name());
            }
        }
        return names;
    }

    List<String> grantingRoles(EntityType type, EntityAction action, Ownership contact) {
        List<String> names = new ArrayList<>();
        for (Role role : subject.roles()) {
            if (roleCan(role, type, action, contact)) {
                names.add(role.name());
            }
        }
        return names;
    }

    // ---- field sets -----------------------------------------------------------------------------------------

    List<String> readable(Ownership contact) {
        return keys(key -> canRead(key, contact));
    }

    List<String> updatable(Ownership contact) {
        return keys(key -> canUpdate(key, contact));
    }

    List<String> creatable() {
        return keys(this::canCreate);
    }

    /** Fields readable on at least one contact: some role reads them and sees anything at all. */
    List<String> readableAnywhere() {
        return keys(key -> anyRole(r -> roleReads(r, key, Ownership.unassigned())));
    }

    private List<String> keys(Predicate<String> member) {
        List<String> keys = new ArrayList<>();
        for (FieldDescriptor field : fields.fields()) {
            if (member.test(field.key())) {
                keys.add(field.key());
            }
        }
        return keys;
    }
}
