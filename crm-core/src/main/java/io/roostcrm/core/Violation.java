package io.roostcrm.core;

import java.util.Objects;

/**
 * One broken rule: which field, which rule, and a message safe to show (it never echoes the value).
 *
 * @param field   the field key (or a setting name for non-field input)
 * @param rule    a stable rule id such as {@code required}, {@code max_length}, {@code unique}, {@code unknown_field}
 * @param message a human-readable explanation naming the field and the rule
 */
public record Violation(String field, String rule, String message) {
    /** Checks the components. */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** A violation whose message is "field 'f' " followed by the given detail. */
    public static Violation of(String field, String rule, String detail) {
        return new Violation(field, rule, "field '" + field + "' " + detail);
    }
}
