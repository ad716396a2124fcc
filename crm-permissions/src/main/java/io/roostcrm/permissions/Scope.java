package io.roostcrm.permissions;

import java.util.Locale;
import java.util.Objects;

/**
 * How far a role reaches over contacts, from nothing to everything. Scopes are nested:
 * {@code NONE ⊂ OWNED ⊂ TEAM ⊂ ALL}.
 *
 * <ul>
 *   <li>{@link #OWNED}: contacts the user owns, and unassigned contacts (visible to all so they can be claimed);</li>
 *   <li>{@link #TEAM}: as {@code OWNED}, plus contacts whose owner shares a team with the user;</li>
 *   <li>{@link #ALL}: every contact.</li>
 * </ul>
 */
public enum Scope {
    /** No contact at all. */
    NONE,
    /** Contacts owned by the user, and unassigned contacts. */
    OWNED,
    /** Owned and unassigned contacts, and contacts whose owner shares a team with the user. */
    TEAM,
    /** Every contact. */
    ALL;

    /**
     * Whether this scope reaches a contact of the given class.
     *
     * @param scopeClass where the contact sits relative to the user
     * @return {@code true} if a role with this scope reaches such a contact
     */
    public boolean covers(ScopeClass scopeClass) {
        return switch (scopeClass) {
            case OWN -> this != NONE;
            case TEAM -> this == TEAM || this == ALL;
            case OTHER -> this == ALL;
        };
    }

    /** Whether this scope reaches at least every contact that {@code other} reaches. */
    public boolean includes(Scope other) {
        return compareTo(other) >= 0;
    }

    /** The wider of two scopes. */
    public static Scope widest(Scope a, Scope b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Parses a scope name case-insensitively ({@code "all"}, {@code "team"}, {@code "owned"}, {@code "none"}).
     *
     * @throws IllegalArgumentException naming the unknown value and the accepted ones
     */
    public static Scope parse(String name) {
        Objects.requireNonNull(name, "name");
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "scope was '" + name + "' but it must be one of all, team, owned, none", e);
        }
    }
}
