package io.roostcrm.permissions;

import java.util.List;
import java.util.Objects;

/** The outcome of a permission question, with the rule that decided it. */
public sealed interface Decision {

    /** Whether the action is allowed. */
    boolean isAllowed();

    /** The rule that decided. */
    Rule rule();

    /**
     * Allowed.
     *
     * @param rule  {@link Rule#SUPER_ADMIN}, {@link Rule#ROLE_GRANT} or {@link Rule#NOTE_AUTHOR}
     * @param roles the names of the roles that grant it (empty for the note-author rule)
     */
    record Allowed(Rule rule, List<String> roles) implements Decision {
        /** Copies the role names. */
        public Allowed {
            Objects.requireNonNull(rule, "rule");
            roles = List.copyOf(roles);
        }

        @Override
        public boolean isAllowed() {
            return true;
        }
    }

    /**
     * Denied.
     *
     * @param rule the rule that denied it
     */
    record Denied(Rule rule) implements Decision {
        /** Checks the rule. */
        public Denied {
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public boolean isAllowed() {
            return false;
        }
    }
}
