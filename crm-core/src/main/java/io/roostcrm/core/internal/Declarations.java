package io.roostcrm.core.internal;

import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.field.FieldDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How a host's declaration of a field or user differs from the one stored, for
 * {@link io.roostcrm.core.CrmSession.Admin#ensureField} and {@link io.roostcrm.core.CrmSession.Admin#ensureUser}: one
 * violation (rule {@code conflict}) per differing setting, each naming the field key or login, the stored setting and
 * the declared one. Only administrators see these, and what they name is the configuration they declared.
 */
final class Declarations {

    static final String CONFLICT = "conflict";

    private Declarations() {
    }

    /** The settings in which a stored custom field differs from its declaration. */
    static List<Violation> fieldConflicts(FieldDefinition stored, FieldDefinition declared) {
        List<Violation> conflicts = new ArrayList<>();
        String subject = "custom field '" + stored.key() + "' is already defined with ";
        compare(conflicts, "type", subject, stored.type(), declared.type());
        compare(conflicts, "label", subject, "'" + stored.label() + "'", "'" + declared.label() + "'");
        compare(conflicts, "options", subject, stored.options(), declared.options());
        compare(conflicts, "required", subject, stored.required(), declared.required());
        compare(conflicts, "active", subject, stored.active(), declared.active());
        compare(conflicts, "readOnly", subject, stored.readOnly(), declared.readOnly());
        compare(conflicts, "sensitive", subject, stored.sensitive(), declared.sensitive());
        return conflicts;
    }

    /**
     * The settings in which a stored user differs from its declaration. Role names are compared as a set (their
     * order means nothing); a declared id of 0 matches any stored id.
     */
    static List<Violation> userConflicts(User stored, User declared) {
        List<Violation> conflicts = new ArrayList<>();
        String subject = "user '" + TextRules.shown(stored.login()) + "' already exists with ";
        if (declared.id() != 0) {
            compare(conflicts, "id", subject, stored.id(), declared.id());
        }
        compare(conflicts, "displayName", subject, "'" + TextRules.shown(stored.displayName()) + "'",
                "'" + TextRules.shown(declared.displayName()) + "'");
        if (!new HashSet<>(stored.roleNames()).equals(new HashSet<>(declared.roleNames()))) {
            conflicts.add(new Violation("roleNames", CONFLICT, subject + "roleNames " + stored.roleNames() + ", not "
                    + declared.roleNames()));
        }
        compare(conflicts, "teamIds", subject, new HashSet<>(stored.teamIds()), new HashSet<>(declared.teamIds()));
        compare(conflicts, "active", subject, stored.active(), declared.active());
        return conflicts;
    }

    private static void compare(List<Violation> conflicts, String setting, String subject, Object stored,
                                Object declared) {
        if (!Objects.equals(stored, declared)) {
            conflicts.add(new Violation(setting, CONFLICT, subject + setting + " " + stored + ", not " + declared));
        }
    }
}
