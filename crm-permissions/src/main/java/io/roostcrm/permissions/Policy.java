package io.roostcrm.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A subject's compiled permissions: every access question about contacts, fields, notes, lists and tags, answered
 * from bit sets. Obtain one from {@link PermissionEngine#policy(Subject)}; it is immutable, thread-safe and cheap to
 * hold for the length of a request.
 *
 * <p>Contacts are described by their {@link Ownership}, or directly by their {@link ScopeClass} when the caller has
 * already classified them (one {@link #classify} per row, then any number of field questions).
 * Unknown field keys are never allowed.
 */
public final class Policy {

    private final Subject subject;
    private final CompiledRoles compiled;
    private final FieldRegistry registry;

    Policy(Subject subject, CompiledRoles compiled) {
        this.subject = subject;
        this.compiled = compiled;
        this.registry = compiled.registry;
    }

    /** Who this policy is for. */
    public Subject subject() {
        return subject;
    }

    /** The fields this policy was compiled against. */
    public FieldRegistry fields() {
        return registry;
    }

    /** Whether the subject bypasses every check. */
    public boolean isSuperAdmin() {
        return compiled.superAdmin;
    }

    /** Where a contact with this ownership sits relative to the subject. */
    public ScopeClass classify(Ownership contact) {
        return subject.classify(contact);
    }

    // ---- contacts -------------------------------------------------------------------------------------------

    /** Whether the subject may see this contact at all. */
    public boolean canView(Ownership contact) {
        return compiled.view[classify(contact).ordinal()];
    }

    /** Whether the subject may see contacts of this class. */
    public boolean canView(ScopeClass scopeClass) {
        return compiled.view[scopeClass.ordinal()];
    }

    /** Whether the subject may change this contact (owner, stage, memberships; field rights still apply). */
    public boolean canUpdate(Ownership contact) {
        return compiled.updateContact[classify(contact).ordinal()];
    }

    /** Whether the subject may change contacts of this class. */
    public boolean canUpdate(ScopeClass scopeClass) {
        return compiled.updateContact[scopeClass.ordinal()];
    }

    /** Whether the subject may delete this contact. */
    public boolean canDelete(Ownership contact) {
        return compiled.delete[classify(contact).ordinal()];
    }

    /** Whether the subject may delete contacts of this class. */
    public boolean canDelete(ScopeClass scopeClass) {
        return compiled.delete[scopeClass.ordinal()];
    }

    /** Whether the subject may create contacts. */
    public boolean canCreateContact() {
        return compiled.createContact;
    }

    // ---- fields ---------------------------------------------------------------------------------------------

    /** Whether the subject may read a field on this contact. */
    public boolean canRead(String fieldKey, Ownership contact) {
        return canRead(fieldKey, classify(contact));
    }

    /** Whether the subject may read a field on contacts of this class. */
    public boolean canRead(String fieldKey, ScopeClass scopeClass) {
        int index = registry.indexOf(fieldKey);
        return index >= 0 && Bits.test(compiled.read[scopeClass.ordinal()], index);
    }

    /** Whether the subject may read the field at a dense index on contacts of this class. */
    public boolean canRead(int fieldIndex, ScopeClass scopeClass) {
        return Bits.test(compiled.read[scopeClass.ordinal()], fieldIndex);
    }

    /** Whether the subject may change a field on this contact. */
    public boolean canUpdate(String fieldKey, Ownership contact) {
        return canUpdate(fieldKey, classify(contact));
    }

    /** Whether the subject may change a field on contacts of this class. */
    public boolean canUpdate(String fieldKey, ScopeClass scopeClass) {
        int index = registry.indexOf(fieldKey);
        return index >= 0 && Bits.test(compiled.update[scopeClass.ordinal()], index);
    }

    /** Whether the subject may set a field when creating a contact. */
    public boolean canCreate(String fieldKey) {
        int index = registry.indexOf(fieldKey);
        return index >= 0 && Bits.test(compiled.create, index);
    }

    /** The fields the subject may read on this contact. */
    public FieldSet readable(Ownership contact) {
        return compiled.readable[classify(contact).ordinal()];
    }

    /** The fields the subject may read on contacts of this class. */
    public FieldSet readable(ScopeClass scopeClass) {
        return compiled.readable[scopeClass.ordinal()];
    }

    /** The fields the subject may change on this contact. */
    public FieldSet updatable(Ownership contact) {
        return compiled.updatable[classify(contact).ordinal()];
    }

    /** The fields the subject may change on contacts of this class. */
    public FieldSet updatable(ScopeClass scopeClass) {
        return compiled.updatable[scopeClass.ordinal()];
    }

    /** The fields the subject may set when creating a contact. */
    public FieldSet creatable() {
        return compiled.creatable;
    }

    /** The fields the subject may read on at least some contact: the only fields it may name in a filter or sort. */
    public FieldSet readableAnywhere() {
        return compiled.readable[ScopeClass.OWN.ordinal()];
    }

    // ---- notes, lists, tags ---------------------------------------------------------------------------------

    /** Whether some role grants this action on the entity type, whatever the contact (e.g. create a tag). */
    public boolean can(EntityType type, EntityAction action) {
        return (compiled.entityAnywhere & CompiledRoles.entityBit(type, action)) != 0;
    }

    /** Whether the subject may take this action on the entity type attached to this contact. */
    public boolean can(EntityType type, EntityAction action, Ownership contact) {
        return (compiled.entity[classify(contact).ordinal()] & CompiledRoles.entityBit(type, action)) != 0;
    }

    /** The widest scope in which the subject may take this action on the entity type attached to contacts. */
    public Scope entityScope(EntityType type, EntityAction action) {
        int bit = CompiledRoles.entityBit(type, action);
        boolean[] perClass = new boolean[ScopeClass.values().length];
        for (ScopeClass cls : ScopeClass.values()) {
            perClass[cls.ordinal()] = (compiled.entity[cls.ordinal()] & bit) != 0;
        }
        return CompiledRoles.widest(perClass);
    }

    /**
     * Whether the subject may update or delete a note: by the notes right within the update scope, or as its
     * author on a contact they can view. Other actions are decided by {@link #can(EntityType, EntityAction, Ownership)}.
     *
     * @throws IllegalArgumentException if the action is not {@link EntityAction#UPDATE} or {@link EntityAction#DELETE}
     */
    public boolean canChangeNote(EntityAction action, long authorId, Ownership contact) {
        requireChange(action);
        return can(EntityType.NOTE, action, contact) || (authorId == subject.userId() && canView(contact));
    }

    /** Explains {@link #canChangeNote}: a role grant, or {@link Rule#NOTE_AUTHOR}, or why neither holds. */
    public Decision explainNoteChange(EntityAction action, long authorId, Ownership contact) {
        requireChange(action);
        Decision byRole = explain(EntityType.NOTE, action, contact);
        if (byRole.isAllowed() || authorId != subject.userId() || !canView(contact)) {
            return byRole;
        }
        return new Decision.Allowed(Rule.NOTE_AUTHOR, List.of());
    }

    private static void requireChange(EntityAction action) {
        if (action != EntityAction.UPDATE && action != EntityAction.DELETE) {
            throw new IllegalArgumentException("action was " + action + " but it must be UPDATE or DELETE");
        }
    }

    // ---- scopes as data -------------------------------------------------------------------------------------

    /** The widest scope in which the subject sees contacts. */
    public Scope viewScope() {
        return CompiledRoles.widest(compiled.view);
    }

    /** The widest scope in which the subject may change contacts. */
    public Scope updateScope() {
        return CompiledRoles.widest(compiled.updateContact);
    }

    /** The widest scope in which the subject may delete contacts. */
    public Scope deleteScope() {
        return CompiledRoles.widest(compiled.delete);
    }

    /** The widest scope in which the subject reads a field; {@link Scope#NONE} for unknown or hidden fields. */
    public Scope readScope(String fieldKey) {
        int index = registry.indexOf(fieldKey);
        return index < 0 ? Scope.NONE : CompiledRoles.widest(compiled.read, index);
    }

    /** The widest scope in which the subject changes a field; {@link Scope#NONE} for unknown fields. */
    public Scope updateScope(String fieldKey) {
        int index = registry.indexOf(fieldKey);
        return index < 0 ? Scope.NONE : CompiledRoles.widest(compiled.update, index);
    }

    /** The contacts the subject sees, as a predicate a store pushes into its query. */
    public ScopePredicate viewPredicate() {
        return predicate(viewScope());
    }

    /** The contacts the subject may change, as a predicate. */
    public ScopePredicate updatePredicate() {
        return predicate(updateScope());
    }

    /** The contacts the subject may delete, as a predicate. */
    public ScopePredicate deletePredicate() {
        return predicate(deleteScope());
    }

    /** The contacts on which the subject reads a field, as a predicate: the mask for that column. */
    public ScopePredicate readPredicate(String fieldKey) {
        return predicate(readScope(fieldKey));
    }

    /** The predicate for a scope held by this policy's subject. */
    public ScopePredicate predicate(Scope scope) {
        return ScopePredicate.of(scope, subject);
    }

    // ---- explanations ---------------------------------------------------------------------------------------

    /**
     * Explains a contact or field decision: whether it is allowed and by which rule. Agrees with the boolean
     * methods of this policy in every case.
     *
     * @param action   what is asked
     * @param contact  the contact it is asked about (ignored for {@link Action#CREATE_CONTACT} and
     *                 {@link Action#CREATE_FIELD})
     * @param fieldKey the field, for field actions; ignored otherwise (pass {@code ""})
     */
    public Decision explain(Action action, Ownership contact, String fieldKey) {
        Objects.requireNonNull(contact, "contact");
        return explain(action, classify(contact), fieldKey);
    }

    /** Explains a contact or field decision on a contact of a known class. */
    public Decision explain(Action action, ScopeClass cls, String fieldKey) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cls, "scopeClass");
        Objects.requireNonNull(fieldKey, "fieldKey");
        if (compiled.roles.isEmpty()) {
            return new Decision.Denied(Rule.NO_ROLE);
        }
        int index = action.needsField() ? registry.indexOf(fieldKey) : -1;
        if (action.needsField() && index < 0) {
            // Before the super-admin rule: unknown fields are never allowed, not even to a super admin.
            return new Decision.Denied(Rule.UNKNOWN_FIELD);
        }
        if (compiled.superAdmin) {
            return new Decision.Allowed(Rule.SUPER_ADMIN, names(Role::isSuperAdmin));
        }
        boolean readOnly = index >= 0 && registry.get(index).readOnly();
        return switch (action) {
            case VIEW_CONTACT -> grant(r -> r.viewScope().covers(cls), Rule.OUT_OF_VIEW_SCOPE);
            case UPDATE_CONTACT -> grant(r -> r.updateScope().covers(cls), Rule.OUT_OF_UPDATE_SCOPE);
            case CREATE_CONTACT -> grant(Role::canCreateContacts, Rule.MISSING_CREATE_RIGHT);
            case DELETE_CONTACT -> grantOrExplain(r -> r.canDelete() && r.updateScope().covers(cls),
                    Role::canDelete, Rule.OUT_OF_UPDATE_SCOPE, Rule.MISSING_DELETE_RIGHT);
            case READ_FIELD -> grantOrExplain(r -> r.fieldRights(fieldKey).read() && r.viewScope().covers(cls),
                    r -> r.fieldRights(fieldKey).read(), Rule.OUT_OF_VIEW_SCOPE, Rule.MISSING_FIELD_RIGHT);
            case CREATE_FIELD -> readOnly
                    ? new Decision.Denied(Rule.READ_ONLY_FIELD)
                    : grant(r -> r.fieldRights(fieldKey).create(), Rule.MISSING_FIELD_RIGHT);
            case UPDATE_FIELD -> explainUpdate(fieldKey, cls, readOnly);
        };
    }

    /**
     * Explains an entity decision on a contact: whether the subject may take the action on notes, lists or tags
     * attached to it. Agrees with {@link #can(EntityType, EntityAction, Ownership)}.
     */
    public Decision explain(EntityType type, EntityAction action, Ownership contact) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        if (compiled.superAdmin) {
            return new Decision.Allowed(Rule.SUPER_ADMIN, names(Role::isSuperAdmin));
        }
        if (compiled.roles.isEmpty()) {
            return new Decision.Denied(Rule.NO_ROLE);
        }
        ScopeClass cls = classify(contact);
        boolean updating = action.needsUpdateScope();
        return grantOrExplain(
                r -> r.can(type, action) && (updating ? r.updateScope() : r.viewScope()).covers(cls),
                r -> r.can(type, action),
                updating ? Rule.OUT_OF_UPDATE_SCOPE : Rule.OUT_OF_VIEW_SCOPE,
                Rule.MISSING_ENTITY_RIGHT);
    }

    private Decision explainUpdate(String fieldKey, ScopeClass cls, boolean readOnly) {
        if (readOnly) {
            return new Decision.Denied(Rule.READ_ONLY_FIELD);
        }
        Predicate<Role> hasBoth = r -> r.fieldRights(fieldKey).update() && r.fieldRights(fieldKey).read();
        List<String> granting = names(r -> hasBoth.test(r) && r.updateScope().covers(cls));
        if (!granting.isEmpty()) {
            return new Decision.Allowed(Rule.ROLE_GRANT, granting);
        }
        if (!names(hasBoth).isEmpty()) {
            return new Decision.Denied(Rule.OUT_OF_UPDATE_SCOPE);
        }
        if (!names(r -> r.fieldRights(fieldKey).update()).isEmpty()) {
            return new Decision.Denied(Rule.UPDATE_WITHOUT_READ);
        }
        return new Decision.Denied(Rule.MISSING_FIELD_RIGHT);
    }

    private Decision grant(Predicate<Role> grants, Rule otherwise) {
        List<String> granting = names(grants);
        return granting.isEmpty() ? new Decision.Denied(otherwise) : new Decision.Allowed(Rule.ROLE_GRANT, granting);
    }

    private Decision grantOrExplain(Predicate<Role> grants, Predicate<Role> hasRight, Rule outOfScope, Rule missing) {
        List<String> granting = names(grants);
        if (!granting.isEmpty()) {
            return new Decision.Allowed(Rule.ROLE_GRANT, granting);
        }
        return new Decision.Denied(names(hasRight).isEmpty() ? missing : outOfScope);
    }

    private List<String> names(Predicate<Role> filter) {
        List<String> names = new ArrayList<>(compiled.roles.size());
        for (Role role : compiled.roles) {
            if (filter.test(role)) {
                names.add(role.name());
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "Policy[user=" + subject.userId() + ", roles=" + names(r -> true) + "]";
    }
}
