package io.roostcrm.core;

import java.util.List;

/**
 * Input broke one or more rules; nothing was changed. Each {@link Violation} names the field and the rule.
 * A field the caller may not read is reported as an unknown field ({@code unknown_field}), exactly as a field that
 * does not exist.
 */
public final class CrmValidationException extends CrmException {

    private final List<Violation> violations;

    /** One or more violations. */
    public CrmValidationException(List<Violation> violations) {
        super(ErrorCode.VALIDATION, message(violations), null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("violations must not be empty");
        }
        this.violations = List.copyOf(violations);
    }

    /** A single violation. */
    public CrmValidationException(Violation violation) {
        this(List.of(violation));
    }

    /** A single violation, keeping the underlying cause (e.g. a store's unique-key failure) redacted. */
    public CrmValidationException(Violation violation, Throwable cause) {
        super(ErrorCode.VALIDATION, violation.message(), cause);
        this.violations = List.of(violation);
    }

    /** The broken rules, at least one. */
    public List<Violation> violations() {
        return violations;
    }

    /** The first violation. */
    public Violation first() {
        return violations.get(0);
    }

    private static String message(List<Violation> violations) {
        if (violations.size() == 1) {
            return violations.get(0).message();
        }
        StringBuilder sb = new StringBuilder("Multiple validation failures:");
        for (Violation v : violations) {
            sb.append("\n - ").append(v.message());
        }
        return sb.toString();
    }
}
