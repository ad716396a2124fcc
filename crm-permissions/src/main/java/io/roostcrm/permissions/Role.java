package io.roostcrm.permissions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named bundle of rights: how far it reaches over contacts (view and update scope), whether it may delete
 * and create contacts, its rights on each field, and its rights on notes, lists and tags. A new role has no
 * right at all, and a field a role does not mention is hidden from it.
 *
 * <p>A super-admin role has every right on every field and contact; it carries no other setting and cannot be
 * restricted. Roles are immutable values: equal settings mean equal roles. Build one with {@link #builder(String)}
 * or {@link #superAdmin(String)}.
 */
public final class Role {

    private final String name;
    private final boolean superAdmin;
    private final Scope viewScope;
    private final Scope updateScope;
    private final boolean canDelete;
    private final boolean canCreateContacts;
    private final Map<String, FieldRights> fieldRights;
    private final Map<EntityType, Set<EntityAction>> entityRights;
    private final int hash;

    private Role(Builder b) {
        this.name = b.name;
        this.superAdmin = b.superAdmin;
        this.viewScope = superAdmin ? Scope.ALL : b.viewScope;
        this.updateScope = superAdmin ? Scope.ALL : b.updateScope;
        this.canDelete = superAdmin || b.canDelete;
        this.canCreateContacts = superAdmin || b.canCreateContacts;
        this.fieldRights = Collections.unmodifiableMap(new LinkedHashMap<>(b.fieldRights));
        EnumMap<EntityType, Set<EntityAction>> entities = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            Set<EntityAction> actions = superAdmin ? EnumSet.allOf(EntityAction.class) : b.entityRights.get(type);
            entities.put(type, actions == null || actions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(actions)));
        }
        this.entityRights = Collections.unmodifiableMap(entities);
        this.hash = Objects.hash(name, superAdmin, viewScope, updateScope, canDelete, canCreateContacts, fieldRights, entityRights);
    }

    /** Starts a role with no rights. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A super-admin role: every right, on every field and contact. */
    public static Role superAdmin(String name) {
        Builder builder = new Builder(name);
        builder.superAdmin = true;
        return builder.build();
    }

    /** A builder preloaded with this role's settings, to derive a changed role. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.superAdmin = superAdmin;
        if (!superAdmin) {
            b.viewScope = viewScope;
            b.updateScope = updateScope;
            b.canDelete = canDelete;
            b.canCreateContacts = canCreateContacts;
            b.fieldRights.putAll(fieldRights);
            entityRights.forEach((type, actions) -> {
                if (!actions.isEmpty()) {
                    b.entityRights.put(type, EnumSet.copyOf(actions));
                }
            });
        }
        return b;
    }

    /** The role's unique name. */
    public String name() {
        return name;
    }

    /** Whether this role bypasses every check. */
    public boolean isSuperAdmin() {
        return superAdmin;
    }

    /** The contacts whose readable fields this role may see. */
    public Scope viewScope() {
        return viewScope;
    }

    /** The contacts this role may change (never wider than the view scope). */
    public Scope updateScope() {
        return updateScope;
    }

    /** Whether this role may delete the contacts in its update scope. */
    public boolean canDelete() {
        return canDelete;
    }

    /** Whether this role may create contacts. */
    public boolean canCreateContacts() {
        return canCreateContacts;
    }

    /** The rights on a field; {@link FieldRights#NONE} for a field this role does not mention. A super admin has full rights. */
    public FieldRights fieldRights(String fieldKey) {
        if (superAdmin) {
            return FieldRights.FULL;
        }
        return fieldRights.getOrDefault(fieldKey, FieldRights.NONE);
    }

    /** The fields this role mentions, with their rights, in the order they were granted (empty for a super admin). */
    public Map<String, FieldRights> fieldRights() {
        return fieldRights;
    }

    /** The actions this role may take on an entity type. */
    public Set<EntityAction> entityRights(EntityType type) {
        return entityRights.get(type);
    }

    /** Whether this role may take an action on an entity type. */
    public boolean can(EntityType type, EntityAction action) {
        return entityRights.get(type).contains(action);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Role other
                && hash == other.hash
                && name.equals(other.name)
                && superAdmin == other.superAdmin
                && viewScope == other.viewScope
                && updateScope == other.updateScope
                && canDelete == other.canDelete
                && canCreateContacts == other.canCreateContacts
                && fieldRights.equals(other.fieldRights)
                && entityRights.equals(other.entityRights));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        if (superAdmin) {
            return "Role[" + name + ", superAdmin]";
        }
        return "Role[" + name + ", view=" + viewScope + ", update=" + updateScope + ", delete=" + canDelete
                + ", createContacts=" + canCreateContacts + ", fields=" + fieldRights.size() + "]";
    }

    /**
     * Builds a {@link Role}. Each setter checks its argument at once; {@link #build()} checks settings that
     * interact and names the offending one. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private boolean superAdmin;
        private Scope viewScope = Scope.NONE;
        private Scope updateScope = Scope.NONE;
        private boolean canDelete;
        private boolean canCreateContacts;
        private final Map<String, FieldRights> fieldRights = new LinkedHashMap<>();
        private final Map<EntityType, EnumSet<EntityAction>> entityRights = new EnumMap<>(EntityType.class);
        private final List<String> restrictions = new ArrayList<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("role name must not be blank");
            }
            if (name.length() > 100) {
                throw new IllegalArgumentException("role name must be at most 100 characters long");
            }
            this.name = name;
        }

        /** Makes this a super-admin role; no other setting may then be given. */
        public Builder superAdmin(boolean superAdmin) {
            this.superAdmin = superAdmin;
            return this;
        }

        /** The contacts this role may see. Default {@link Scope#NONE}. */
        public Builder viewScope(Scope scope) {
            this.viewScope = Objects.requireNonNull(scope, "viewScope");
            restrictions.add("viewScope");
            return this;
        }

        /** The contacts this role may change. Default {@link Scope#NONE}; must not exceed the view scope. */
        public Builder updateScope(Scope scope) {
            this.updateScope = Objects.requireNonNull(scope, "updateScope");
            restrictions.add("updateScope");
            return this;
        }

        /** Whether this role may delete contacts in its update scope. Default {@code false}. */
        public Builder canDelete(boolean canDelete) {
            this.canDelete = canDelete;
            restrictions.add("canDelete");
            return this;
        }

        /** Whether this role may create contacts. Default {@code false}. */
        public Builder canCreateContacts(boolean canCreateContacts) {
            this.canCreateContacts = canCreateContacts;
            restrictions.add("canCreateContacts");
            return this;
        }

        /** The rights on one field, replacing any given before. {@link FieldRights#NONE} removes the field. */
        public Builder field(String key, FieldRights rights) {
            FieldDescriptor.requireValidKey(key);
            Objects.requireNonNull(rights, "rights");
            if (rights.isNone()) {
                fieldRights.remove(key);
            } else {
                fieldRights.put(key, rights);
            }
            restrictions.add("field '" + key + "'");
            return this;
        }

        /** The same rights on several fields. */
        public Builder fields(FieldRights rights, String... keys) {
            for (String key : keys) {
                field(key, rights);
            }
            return this;
        }

        /** The same rights on several fields. */
        public Builder fields(FieldRights rights, Iterable<String> keys) {
            for (String key : keys) {
                field(key, rights);
            }
            return this;
        }

        /** Grants actions on an entity type, adding to those already granted. */
        public Builder entity(EntityType type, EntityAction... actions) {
            Objects.requireNonNull(type, "type");
            EnumSet<EntityAction> set = entityRights.computeIfAbsent(type, t -> EnumSet.noneOf(EntityAction.class));
            for (EntityAction action : actions) {
                set.add(Objects.requireNonNull(action, "action"));
            }
            restrictions.add("entity " + type);
            return this;
        }

        /**
         * Builds the role.
         *
         * @throws IllegalStateException if a super admin was given any other setting, or the update scope is
         *                               wider than the view scope
         */
        public Role build() {
            if (superAdmin && !restrictions.isEmpty()) {
                throw new IllegalStateException("super-admin role '" + name + "' cannot be restricted, but "
                        + restrictions.get(0) + " was set");
            }
            if (!superAdmin && !viewScope.includes(updateScope)) {
                throw new IllegalStateException("role '" + name + "': updateScope was " + updateScope
                        + " but it must not be wider than viewScope " + viewScope);
            }
            return new Role(this);
        }
    }
}
