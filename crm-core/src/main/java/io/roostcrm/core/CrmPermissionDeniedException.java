package io.roostcrm.core;

import io.roostcrm.permissions.Rule;

/**
 * The caller may not do this. Carries the engine's {@link Rule} for the denial; the message names only what the
 * caller is allowed to know (a field it can read but not change, say).
 */
public final class CrmPermissionDeniedException extends CrmException {

    private final Rule rule;

    /** A denial with the deciding rule. */
    public CrmPermissionDeniedException(Rule rule, String message) {
        super(ErrorCode.PERMISSION_DENIED, message, null);
        this.rule = rule;
    }

    /** The rule that denied. */
    public Rule rule() {
        return rule;
    }
}
