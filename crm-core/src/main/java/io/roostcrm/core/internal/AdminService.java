package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.core.spi.StoreTransaction;
import io.roostcrm.permissions.Role;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Administration, for super admins only. Field definitions change the store's schema, so each field change runs in
 * a unit of work of its own. Every change moves the store's security epoch in its transaction (the store does
 * that), so every node's next call, this one's included, reloads what changed before it decides anything; and every
 * change is recorded in the change log, the role's definition before and after as data.
 */
final class AdminService implements CrmSession.Admin {

    private final DefaultCrmSession session;

    AdminService(DefaultCrmSession session, CrmRuntime runtime) {
        this.session = session;
    }

    private static void require(Call call) {
        StageService.requireSuperAdmin(call, "administer the CRM");
    }

    // ---- fields -----------------------------------------------------------------------------------------------

    @Override
    public FieldDefinition defineField(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        return session.work("admin.defineField", call -> {
            require(call);
            List<Violation> violations = new ArrayList<>();
            if (StandardFields.isStandard(field.key()) || !field.isCustom()) {
                violations.add(Violation.of(field.key(), "reserved", "is a standard field key"));
            }
            if (!session.runtime().store().capabilities().supports(field.type())) {
                violations.add(Violation.of(field.key(), "unsupported_type", "has a type this store cannot hold"));
            }
            violations.addAll(TextRules.definition(field));
            if (!violations.isEmpty()) {
                throw new CrmValidationException(violations);
            }
            requireNewKey(call.tx(), field.key());
            call.tx().fields().define(field);
            call.record(Changes.fieldDefined(field));
            return field;
        });
    }

    /** A key already defined is refused naming it (it said "field 'key' must be unique", not which key). */
    private static void requireNewKey(StoreTransaction tx, String key) {
        if (find(tx, key).isPresent()) {
            throw new CrmValidationException(new Violation("key", "unique",
                    "custom field '" + key + "' is already defined"));
        }
    }

    @Override
    public FieldDefinition ensureField(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        Optional<FieldDefinition> stored = storedField(field.key());
        if (stored.isEmpty()) {
            try {
                return defineField(field);
            } catch (CrmValidationException e) {
                // Another node may have defined it between the look-up and the definition: then compare with that.
                stored = isUnique(e, "key") ? storedField(field.key()) : Optional.empty();
                if (stored.isEmpty()) {
                    throw e;
                }
            }
        }
        TextRules.require(Declarations.fieldConflicts(stored.get(), field));
        return stored.get();
    }

    private Optional<FieldDefinition> storedField(String key) {
        return session.work("admin.ensureField", call -> {
            require(call);
            return find(call.tx(), key);
        });
    }

    private static boolean isUnique(CrmValidationException e, String field) {
        return e.violations().stream().anyMatch(v -> v.field().equals(field) && v.rule().equals("unique"));
    }

    @Override
    public FieldDefinition updateField(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        return session.work("admin.updateField", call -> {
            require(call);
            if (StandardFields.isStandard(field.key())) {
                throw new CrmValidationException(Violation.of(field.key(), "reserved", "is a standard field key"));
            }
            TextRules.require(TextRules.definition(field));
            FieldDefinition existing = find(call.tx(), field.key())
                    .orElseThrow(() -> new CrmNotFoundException("field", field.key()));
            if (existing.type() != field.type()) {
                throw new CrmValidationException(Violation.of(field.key(), "immutable_type", "cannot change its type"));
            }
            call.tx().fields().update(field);
            call.record(Changes.fieldUpdated(existing, field));
            return field;
        });
    }

    @Override
    public void removeField(String key) {
        Objects.requireNonNull(key, "key");
        session.work("admin.removeField", call -> {
            require(call);
            TextRules.require(TextRules.checkDescribed("key", key, TextRules.Kind.LINE, "a field key "));
            if (StandardFields.isStandard(key)) {
                throw new CrmValidationException(Violation.of(key, "reserved",
                        "is a standard field and cannot be removed"));
            }
            Optional<FieldDefinition> existing = find(call.tx(), key);
            call.tx().fields().remove(key);
            existing.ifPresent(field -> call.record(Changes.fieldRemoved(field)));
            return null;
        });
    }

    private static Optional<FieldDefinition> find(StoreTransaction tx, String key) {
        return tx.fields().all().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    @Override
    public List<FieldDefinition> customFields() {
        return session.work("admin.customFields", call -> {
            require(call);
            return call.tx().fields().all();
        });
    }

    // ---- roles ------------------------------------------------------------------------------------------------

    @Override
    public Role saveRole(Role role) {
        Objects.requireNonNull(role, "role");
        return session.work("admin.saveRole", call -> {
            require(call);
            TextRules.require(TextRules.role(role));
            StoreTransaction tx = call.tx();
            Optional<Role> existing = tx.roles().find(role.name());
            if (existing.isPresent() && existing.get().isSuperAdmin() && !role.isSuperAdmin()) {
                throw new CrmValidationException(new Violation("role", "super_admin",
                        "a super-admin role cannot be restricted"));
            }
            requireKnownFields(tx, role);
            tx.roles().save(role);
            if (!existing.equals(Optional.of(role))) {
                call.record(Changes.role(role.name(), existing, Optional.of(role)));
            }
            return role;
        });
    }

    /**
     * A grant on a field that does not exist is refused, naming the key: it grants nothing, and a typo would
     * otherwise stay silently in the role (issue 10 item 15). Inactive custom fields exist and may be granted.
     */
    private static void requireKnownFields(StoreTransaction tx, Role role) {
        if (role.fieldRights().isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>(StandardFields.keys());
        tx.fields().all().forEach(field -> known.add(field.key()));
        List<Violation> violations = new ArrayList<>();
        for (String key : role.fieldRights().keySet()) {
            if (!known.contains(key)) {
                violations.add(new Violation("fieldRights", "unknown_field", "role '" + TextRules.shown(role.name())
                        + "' grants rights on field '" + TextRules.shown(key) + "', which does not exist"));
            }
        }
        TextRules.require(violations);
    }

    @Override
    public void deleteRole(String name) {
        Objects.requireNonNull(name, "name");
        session.work("admin.deleteRole", call -> {
            require(call);
            TextRules.require(TextRules.checkDescribed("role", name, TextRules.Kind.LINE, "a role name "));
            StoreTransaction tx = call.tx();
            Role role = tx.roles().find(name)
                    .orElseThrow(() -> new CrmNotFoundException("role", TextRules.shown(name)));
            if (role.isSuperAdmin()) {
                throw new CrmValidationException(new Violation("role", "super_admin",
                        "a super-admin role cannot be deleted"));
            }
            // Refused while held, so deleting a role never takes it from a user: no session needs revoking here
            // (taking it away is an updateUser, which revokes).
            if (tx.users().all().stream().anyMatch(u -> u.roleNames().contains(name))) {
                throw new CrmValidationException(new Violation("role", "in_use",
                        "a role held by a user cannot be deleted"));
            }
            if (tx.roles().delete(name)) {
                call.record(Changes.role(name, Optional.of(role), Optional.empty()));
            }
            return null;
        });
    }

    @Override
    public List<Role> roles() {
        return session.work("admin.roles", call -> {
            require(call);
            return call.tx().roles().all();
        });
    }

    // ---- users ------------------------------------------------------------------------------------------------

    @Override
    public User createUser(User user) {
        Objects.requireNonNull(user, "user");
        return session.work("admin.createUser", call -> {
            require(call);
            validate(user);
            requireRoles(call.tx(), user);
            requireFreeLogin(call.tx(), user);
            User created = call.tx().users().insert(user);
            call.record(Changes.userCreated(created));
            return created;
        });
    }

    @Override
    public User ensureUser(User user) {
        Objects.requireNonNull(user, "user");
        Optional<User> stored = storedUser(user.login());
        if (stored.isEmpty()) {
            try {
                return createUser(user);
            } catch (CrmValidationException e) {
                // Created meanwhile by another node, or the id belongs to another login (reported as it is).
                stored = isUnique(e, "login") ? storedUser(user.login()) : Optional.empty();
                if (stored.isEmpty()) {
                    throw e;
                }
            }
        }
        TextRules.require(Declarations.userConflicts(stored.get(), user));
        return stored.get();
    }

    private Optional<User> storedUser(String login) {
        return session.work("admin.ensureUser", call -> {
            require(call);
            return call.tx().users().findByLogin(login);
        });
    }

    /** A login or id another user has is refused naming it (it said "field 'login' must be unique"). */
    private static void requireFreeLogin(StoreTransaction tx, User user) {
        tx.users().findByLogin(user.login()).filter(other -> other.id() != user.id()).ifPresent(other -> {
            throw new CrmValidationException(new Violation("login", "unique",
                    "login '" + TextRules.shown(user.login()) + "' is already taken"));
        });
        if (user.id() > 0 && tx.users().find(user.id()).isPresent()) {
            throw new CrmValidationException(new Violation("id", "unique", "user id " + user.id() + " is already taken"));
        }
    }

    @Override
    public User updateUser(User user) {
        Objects.requireNonNull(user, "user");
        return session.work("admin.updateUser", call -> {
            require(call);
            validate(user);
            StoreTransaction tx = call.tx();
            User existing = tx.users().find(user.id()).orElseThrow(() -> new CrmNotFoundException("user", user.id()));
            requireRoles(tx, user);
            tx.users().findByLogin(user.login()).filter(other -> other.id() != user.id()).ifPresent(other -> {
                throw new CrmValidationException(new Violation("login", "unique",
                        "login '" + TextRules.shown(user.login()) + "' is already taken"));
            });
            User updated = tx.users().update(user);
            call.record(Changes.userUpdated(existing, updated));
            revokeSessionsIfNarrowed(tx, existing, updated);
            return updated;
        });
    }

    /**
     * A user deactivated, or stripped of a role, loses every login session in the same transaction (issue 11 item 7),
     * so that the next call on any node fails and the user logs in again under what they now hold; a reactivated
     * user's old sessions do not come back. A deactivated user also loses every API password in that transaction
     * (least privilege, ASVS 5.0 7.4.2): an API password is a standing credential, and one that came back with a
     * reactivation would be a credential nobody re-issued; the administrator issues new ones. A role taken away
     * leaves the API passwords: each request builds its session from the roles stored then, so it holds the narrower
     * rights at once. Sessions and API passwords live in the security store, on a store with
     * {@link io.roostcrm.core.spi.StoreFeature#SECURITY}.
     */
    private static void revokeSessionsIfNarrowed(StoreTransaction tx, User before, User after) {
        boolean deactivated = before.active() && !after.active();
        boolean roleRemoved = !after.roleNames().containsAll(before.roleNames());
        if (deactivated || roleRemoved) { // security() is present exactly on a store with SECURITY
            tx.security().ifPresent(security -> {
                security.revokeSessions(after.id());
                if (deactivated) {
                    security.revokeApiPasswords(after.id());
                }
            });
        }
    }

    @Override
    public List<User> users() {
        return session.work("admin.users", call -> {
            require(call);
            return call.tx().users().all();
        });
    }

    private static void validate(User user) {
        List<Violation> violations = new ArrayList<>();
        if (user.id() < 0) {
            violations.add(new Violation("id", "range", "id must not be negative"));
        }
        if (user.login().isBlank() || user.login().length() > 100) {
            violations.add(new Violation("login", "length", "login must be 1 to 100 characters without control characters"));
        } else {
            TextRules.collect(violations, TextRules.checkDescribed("login", user.login(), TextRules.Kind.LINE, "login "));
        }
        if (user.displayName().length() > 190) {
            violations.add(new Violation("displayName", "length",
                    "display name must be at most 190 characters without control characters"));
        } else {
            TextRules.collect(violations, TextRules.checkDescribed("displayName", user.displayName(),
                    TextRules.Kind.LINE, "display name "));
        }
        for (String role : user.roleNames()) {
            TextRules.collect(violations, TextRules.checkDescribed("roleNames", role, TextRules.Kind.LINE,
                    "a role name "));
        }
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
    }

    private static void requireRoles(StoreTransaction tx, User user) {
        for (String role : user.roleNames()) {
            if (tx.roles().find(role).isEmpty()) {
                throw new CrmValidationException(new Violation("roleNames", "unknown_role",
                        "role '" + TextRules.shown(role) + "' does not exist"));
            }
        }
    }
}
