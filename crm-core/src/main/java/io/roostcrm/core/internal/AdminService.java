package io.roostcrm.core.internal;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmSession;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.StandardFields;
import io.roostcrm.permissions.Role;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Administration, for super admins only. Field definitions change the store's schema, so each field change runs in
 * a unit of work of its own and then refreshes the engine's registry; a role change evicts the compiled policies that
 * contain the role.
 */
final class AdminService implements CrmSession.Admin {

    private final DefaultCrmSession session;
    private final CrmRuntime runtime;

    AdminService(DefaultCrmSession session, CrmRuntime runtime) {
        this.session = session;
        this.runtime = runtime;
    }

    private void require() {
        StageService.requireSuperAdmin(session, "administer the CRM");
    }

    // ---- fields -----------------------------------------------------------------------------------------------

    @Override
    public FieldDefinition defineField(FieldDefinition field) {
        require();
        Objects.requireNonNull(field, "field");
        List<Violation> violations = new ArrayList<>();
        if (StandardFields.isStandard(field.key()) || !field.isCustom()) {
            violations.add(Violation.of(field.key(), "reserved", "is a standard field key"));
        }
        if (!runtime.store().capabilities().supports(field.type())) {
            violations.add(Violation.of(field.key(), "unsupported_type", "has a type this store cannot hold"));
        }
        violations.addAll(TextRules.definition(field));
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
        List<FieldDefinition> all = session.work(tx -> {
            requireNewKey(tx, field.key());
            tx.fields().define(field);
            return tx.fields().all();
        });
        runtime.fieldsChanged(all);
        return field;
    }

    /** A key already defined is refused naming it (it said "field 'key' must be unique", not which key). */
    private static void requireNewKey(io.roostcrm.core.spi.StoreTransaction tx, String key) {
        if (tx.fields().all().stream().anyMatch(f -> f.key().equals(key))) {
            throw new CrmValidationException(new Violation("key", "unique",
                    "custom field '" + key + "' is already defined"));
        }
    }

    @Override
    public FieldDefinition ensureField(FieldDefinition field) {
        require();
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
        return session.work(tx -> tx.fields().all().stream().filter(f -> f.key().equals(key)).findFirst());
    }

    private static boolean isUnique(CrmValidationException e, String field) {
        return e.violations().stream().anyMatch(v -> v.field().equals(field) && v.rule().equals("unique"));
    }

    @Override
    public FieldDefinition updateField(FieldDefinition field) {
        require();
        Objects.requireNonNull(field, "field");
        if (StandardFields.isStandard(field.key())) {
            throw new CrmValidationException(Violation.of(field.key(), "reserved", "is a standard field key"));
        }
        TextRules.require(TextRules.definition(field));
        List<FieldDefinition> all = session.work(tx -> {
            FieldDefinition existing = tx.fields().all().stream().filter(f -> f.key().equals(field.key()))
                    .findFirst().orElseThrow(() -> new CrmNotFoundException("field", field.key()));
            if (existing.type() != field.type()) {
                throw new CrmValidationException(Violation.of(field.key(), "immutable_type", "cannot change its type"));
            }
            tx.fields().update(field);
            return tx.fields().all();
        });
        runtime.fieldsChanged(all);
        return field;
    }

    @Override
    public void removeField(String key) {
        require();
        Objects.requireNonNull(key, "key");
        TextRules.require(TextRules.checkDescribed("key", key, TextRules.Kind.LINE, "a field key "));
        if (StandardFields.isStandard(key)) {
            throw new CrmValidationException(Violation.of(key, "reserved", "is a standard field and cannot be removed"));
        }
        List<FieldDefinition> all = session.work(tx -> {
            tx.fields().remove(key);
            return tx.fields().all();
        });
        runtime.fieldsChanged(all);
    }

    @Override
    public List<FieldDefinition> customFields() {
        require();
        return session.work(tx -> tx.fields().all());
    }

    // ---- roles ------------------------------------------------------------------------------------------------

    @Override
    public Role saveRole(Role role) {
        require();
        Objects.requireNonNull(role, "role");
        TextRules.require(TextRules.role(role));
        session.work(tx -> {
            Role existing = tx.roles().find(role.name()).orElse(null);
            if (existing != null && existing.isSuperAdmin() && !role.isSuperAdmin()) {
                throw new CrmValidationException(new Violation("role", "super_admin",
                        "a super-admin role cannot be restricted"));
            }
            requireKnownFields(tx, role);
            tx.roles().save(role);
            return null;
        });
        runtime.roleChanged(role.name());
        return role;
    }

    /**
     * A grant on a field that does not exist is refused, naming the key: it grants nothing, and a typo would
     * otherwise stay silently in the role (issue 10 item 15). Inactive custom fields exist and may be granted.
     */
    private static void requireKnownFields(io.roostcrm.core.spi.StoreTransaction tx, Role role) {
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
        require();
        Objects.requireNonNull(name, "name");
        TextRules.require(TextRules.checkDescribed("role", name, TextRules.Kind.LINE, "a role name "));
        session.work(tx -> {
            Role role = tx.roles().find(name)
                    .orElseThrow(() -> new CrmNotFoundException("role", TextRules.shown(name)));
            if (role.isSuperAdmin()) {
                throw new CrmValidationException(new Violation("role", "super_admin",
                        "a super-admin role cannot be deleted"));
            }
            if (tx.users().all().stream().anyMatch(u -> u.roleNames().contains(name))) {
                throw new CrmValidationException(new Violation("role", "in_use",
                        "a role held by a user cannot be deleted"));
            }
            return tx.roles().delete(name);
        });
        runtime.roleChanged(name);
    }

    @Override
    public List<Role> roles() {
        require();
        return session.work(tx -> tx.roles().all());
    }

    // ---- users ------------------------------------------------------------------------------------------------

    @Override
    public User createUser(User user) {
        require();
        Objects.requireNonNull(user, "user");
        validate(user);
        return session.work(tx -> {
            requireRoles(tx, user);
            requireFreeLogin(tx, user);
            return tx.users().insert(user);
        });
    }

    @Override
    public User ensureUser(User user) {
        require();
        Objects.requireNonNull(user, "user");
        Optional<User> stored = session.work(tx -> tx.users().findByLogin(user.login()));
        if (stored.isEmpty()) {
            try {
                return createUser(user);
            } catch (CrmValidationException e) {
                // Created meanwhile by another node, or the id belongs to another login (reported as it is).
                stored = isUnique(e, "login") ? session.work(tx -> tx.users().findByLogin(user.login()))
                        : Optional.empty();
                if (stored.isEmpty()) {
                    throw e;
                }
            }
        }
        TextRules.require(Declarations.userConflicts(stored.get(), user));
        return stored.get();
    }

    /** A login or id another user has is refused naming it (it said "field 'login' must be unique"). */
    private static void requireFreeLogin(io.roostcrm.core.spi.StoreTransaction tx, User user) {
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
        require();
        Objects.requireNonNull(user, "user");
        validate(user);
        User updated = session.work(tx -> {
            tx.users().find(user.id()).orElseThrow(() -> new CrmNotFoundException("user", user.id()));
            requireRoles(tx, user);
            tx.users().findByLogin(user.login()).filter(other -> other.id() != user.id()).ifPresent(other -> {
                throw new CrmValidationException(new Violation("login", "unique",
                        "login '" + TextRules.shown(user.login()) + "' is already taken"));
            });
            return tx.users().update(user);
        });
        runtime.usersChanged();
        return updated;
    }

    @Override
    public List<User> users() {
        require();
        return session.work(tx -> tx.users().all());
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

    private static void requireRoles(io.roostcrm.core.spi.StoreTransaction tx, User user) {
        for (String role : user.roleNames()) {
            if (tx.roles().find(role).isEmpty()) {
                throw new CrmValidationException(new Violation("roleNames", "unknown_role",
                        "role '" + TextRules.shown(role) + "' does not exist"));
            }
        }
    }
}
