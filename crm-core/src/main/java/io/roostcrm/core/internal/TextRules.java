package io.roostcrm.core.internal;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.permissions.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules every text a caller hands in must keep before it goes near a store: field values (checked by
 * {@link io.roostcrm.core.field.FieldValues}), and here filter values, search terms, cursor text, labels, options,
 * names, note and reminder texts, logins and role names.
 *
 * <ul>
 *   <li>No NUL, ever: PostgreSQL refuses it in any text (SQLState 22021), so it surfaced as a store failure instead
 *       of bad input.</li>
 *   <li>No unpaired UTF-16 surrogate (rule {@code invalid_unicode}): such a string is not Unicode text, cannot be
 *       encoded as UTF-8, and PostgreSQL and MariaDB stored it as {@code ?} while H2 kept it.</li>
 *   <li>For one-line texts (names, labels, logins) no control character at all; multi-line texts may hold line
 *       breaks and tabs.</li>
 * </ul>
 * Messages name the field and the rule, never the text.
 */
final class TextRules {

    /** The rule for an unpaired surrogate. */
    static final String INVALID_UNICODE = "invalid_unicode";
    /** The rule for NUL and other control characters. */
    static final String CONTROL_CHARACTERS = "control_characters";
    /** The most characters of a caller's text that a message echoes (field keys have at most 64). */
    static final int MAX_ECHO = 100;

    /** What a text may contain besides printable characters. */
    enum Kind {
        /** A search term or filter value: anything but NUL (other characters simply match nothing). */
        TERM,
        /** A name, label, option or login: no control characters. */
        LINE,
        /** A body or description: line breaks and tabs, no other control character. */
        MULTI_LINE
    }

    private TextRules() {
    }

    /** The first rule this text breaks, as a violation of {@code field}; or {@code null} when it keeps them all. */
    static Violation check(String field, String text, Kind kind) {
        return checkDescribed(field, text, kind, "field '" + field + "' ");
    }

    /**
     * As {@link #check}, with the message starting with {@code subject} (e.g. {@code "the label of field 'x' "})
     * for input that is not a contact field's value.
     */
    static Violation checkDescribed(String field, String text, Kind kind, String subject) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return new Violation(field, INVALID_UNICODE, subject + "must be valid Unicode text (it has an unpaired"
                        + " surrogate)");
            }
            if (c == 0 || (kind != Kind.TERM && Character.isISOControl(c)
                    && !(kind == Kind.MULTI_LINE && (c == '\n' || c == '\r' || c == '\t')))) {
                return new Violation(field, CONTROL_CHARACTERS, subject + "must not contain control characters");
            }
        }
        return null;
    }

    /**
     * A caller's text as it may be echoed in a message (an unknown column or field name, an unknown role): at most
     * {@value #MAX_ECHO} characters, then {@code "..."}; control characters and unpaired surrogates shown as
     * U+FFFD. A 10 MB CSV header came back in a 10.5 MB exception message before.
     */
    static String shown(String text) {
        int end = Math.min(text.length(), MAX_ECHO);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // do not cut a surrogate pair in two
        }
        StringBuilder out = new StringBuilder(end + 3);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return end < text.length() ? out.append("...").toString() : out.toString();
    }

    /** Every rule a custom field definition's label and options break (keys are checked by the definition). */
    static List<Violation> definition(FieldDefinition field) {
        List<Violation> violations = new ArrayList<>();
        String subject = "the label of field '" + field.key() + "' ";
        collect(violations, checkDescribed("label", field.label(), Kind.LINE, subject));
        for (String option : field.options()) {
            collect(violations, checkDescribed("options", option, Kind.LINE,
                    "an option of field '" + field.key() + "' "));
        }
        return violations;
    }

    /** Every rule a role's name breaks. */
    static List<Violation> role(Role role) {
        List<Violation> violations = new ArrayList<>();
        collect(violations, checkDescribed("role", role.name(), Kind.LINE, "a role name "));
        return violations;
    }

    /** Whether a text has no NUL and no unpaired surrogate (for cursor text, which is refused as malformed). */
    static boolean isTerm(String text) {
        return check("", text, Kind.TERM) == null;
    }

    /** Adds the violation to the list unless the check passed ({@code null}). */
    static void collect(List<Violation> violations, Violation check) {
        if (check != null) {
            violations.add(check);
        }
    }

    /** Throws one {@link CrmValidationException} with these violations, if there are any. */
    static void require(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
    }

    /**
     * Throws one {@link CrmValidationException} with every violation found among these checks (nulls are the checks
     * that passed).
     */
    static void require(Violation... checks) {
        List<Violation> violations = new ArrayList<>();
        for (Violation violation : checks) {
            if (violation != null) {
                violations.add(violation);
            }
        }
        if (!violations.isEmpty()) {
            throw new CrmValidationException(violations);
        }
    }
}
