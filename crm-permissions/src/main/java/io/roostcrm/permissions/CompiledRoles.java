package io.roostcrm.permissions;

import java.util.List;

/**
 * A role set compiled against one field registry into bit sets per scope class: the dense form every decision
 * reads. Because scopes nest, a field readable on an OTHER contact is readable on TEAM and OWN contacts too; the
 * per-class sets are the union of whole grants of the roles whose own scope covers that class.
 */
final class CompiledRoles {

    private static final int CLASSES = ScopeClass.values().length;
    private static final int OWN = ScopeClass.OWN.ordinal();
    private static final int TEAM = ScopeClass.TEAM.ordinal();
    private static final int OTHER = ScopeClass.OTHER.ordinal();

    final FieldRegistry registry;
    final List<Role> roles;
    final boolean superAdmin;
    final long[][] read = new long[CLASSES][];
    final long[][] update = new long[CLASSES][];
    final long[] create;
    final boolean[] view = new boolean[CLASSES];
    final boolean[] updateContact = new boolean[CLASSES];
    final boolean[] delete = new boolean[CLASSES];
    final boolean createContact;
    final int[] entity = new int[CLASSES];
    final int entityAnywhere;
    final FieldSet[] readable = new FieldSet[CLASSES];
    final FieldSet[] updatable = new FieldSet[CLASSES];
    final FieldSet creatable;

    CompiledRoles(List<Role> roles, FieldRegistry registry) {
        this.registry = registry;
        this.roles = List.copyOf(roles);
        int words = Bits.wordsFor(registry.size());
        for (int c = 0; c < CLASSES; c++) {
            read[c] = new long[words];
            update[c] = new long[words];
        }
        this.create = new long[words];
        boolean anySuper = false;
        boolean anyCreate = false;
        int anywhere = 0;
        for (Role role : roles) {
            if (role.isSuperAdmin()) {
                anySuper = true;
                break;
            }
            Scope viewScope = role.viewScope();
            Scope updateScope = role.updateScope();
            anyCreate |= role.canCreateContacts();
            for (ScopeClass cls : ScopeClass.values()) {
                int c = cls.ordinal();
                view[c] |= viewScope.covers(cls);
                updateContact[c] |= updateScope.covers(cls);
                delete[c] |= role.canDelete() && updateScope.covers(cls);
            }
            for (var grant : role.fieldRights().entrySet()) {
                int index = registry.indexOf(grant.getKey());
                if (index < 0) {
                    continue; // a role may mention a field that no longer exists
                }
                FieldRights rights = grant.getValue();
                boolean readOnly = registry.get(index).readOnly();
                for (ScopeClass cls : ScopeClass.values()) {
                    if (rights.read() && viewScope.covers(cls)) {
                        Bits.set(read[cls.ordinal()], index);
                    }
                    // Update needs read from the same role: a lone update right grants nothing.
                    if (rights.update() && rights.read() && !readOnly && updateScope.covers(cls)) {
                        Bits.set(update[cls.ordinal()], index);
                    }
                }
                if (rights.create() && !readOnly) {
                    Bits.set(create, index);
                }
            }
            for (EntityType type : EntityType.values()) {
                for (EntityAction action : role.entityRights(type)) {
                    int bit = entityBit(type, action);
                    anywhere |= bit;
                    Scope reach = action.needsUpdateScope() ? updateScope : viewScope;
                    for (ScopeClass cls : ScopeClass.values()) {
                        if (reach.covers(cls)) {
                            entity[cls.ordinal()] |= bit;
                        }
                    }
                }
            }
        }
        this.superAdmin = anySuper;
        if (anySuper) {
            for (int c = 0; c < CLASSES; c++) {
                Bits.fill(read[c], registry.size());
                Bits.fill(update[c], registry.size());
                view[c] = true;
                updateContact[c] = true;
                delete[c] = true;
                entity[c] = -1;
            }
            Bits.fill(create, registry.size());
            anyCreate = true;
            anywhere = -1;
        }
        this.createContact = anyCreate;
        this.entityAnywhere = anywhere;
        for (int c = 0; c < CLASSES; c++) {
            readable[c] = new FieldSet(registry, read[c]);
            updatable[c] = new FieldSet(registry, update[c]);
        }
        this.creatable = new FieldSet(registry, create);
    }

    static int entityBit(EntityType type, EntityAction action) {
        return 1 << (type.ordinal() * EntityAction.values().length + action.ordinal());
    }

    /** The widest scope in which a field index is set in the per-class sets. */
    static Scope widest(long[][] perClass, int index) {
        if (Bits.test(perClass[OTHER], index)) {
            return Scope.ALL;
        }
        if (Bits.test(perClass[TEAM], index)) {
            return Scope.TEAM;
        }
        return Bits.test(perClass[OWN], index) ? Scope.OWNED : Scope.NONE;
    }

    static Scope widest(boolean[] perClass) {
        if (perClass[OTHER]) {
            return Scope.ALL;
        }
        if (perClass[TEAM]) {
            return Scope.TEAM;
        }
        return perClass[OWN] ? Scope.OWNED : Scope.NONE;
    }
}
