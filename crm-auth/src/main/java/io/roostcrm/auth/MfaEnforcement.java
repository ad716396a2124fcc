package io.roostcrm.auth;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whom a second factor is required of ({@link Authenticator#enforceMfa}): nobody, everybody (seed 002: "Enable
 * Multi-Factor Authentication for all user accounts"), or the holders of some roles. Kept in the store, so every node
 * applies the same. A user it covers who has no confirmed TOTP enrolment gets {@link LoginResult.EnrolmentRequired}
 * at login, never a session. Callers switch over the cases.
 */
public sealed interface MfaEnforcement permits MfaEnforcement.Nobody, MfaEnforcement.Everyone,
        MfaEnforcement.ForRoles {

    /** No one is required to use a second factor (those who enrolled still do). The default. */
    static MfaEnforcement nobody() {
        return new Nobody();
    }

    /** Every user is required to use a second factor. */
    static MfaEnforcement everyone() {
        return new Everyone();
    }

    /**
     * The holders of any of these roles are required to use a second factor.
     *
     * @throws IllegalArgumentException if no role is given
     */
    static MfaEnforcement forRoles(Set<String> roleNames) {
        return new ForRoles(roleNames);
    }

    /** Whether a user holding these roles is required to use a second factor. */
    boolean covers(Set<String> userRoles);

    /** No one is required. */
    record Nobody() implements MfaEnforcement {
        @Override
        public boolean covers(Set<String> userRoles) {
            return false;
        }
    }

    /** Everyone is required. */
    record Everyone() implements MfaEnforcement {
        @Override
        public boolean covers(Set<String> userRoles) {
            return true;
        }
    }

    /**
     * The holders of any of these roles are required.
     *
     * @param roleNames the roles, at least one, sorted; copied
     */
    record ForRoles(SortedSet<String> roleNames) implements MfaEnforcement {
        /**
         * Checks and copies.
         *
         * @throws IllegalArgumentException if there is no role
         */
        public ForRoles {
            Objects.requireNonNull(roleNames, "roleNames");
            roleNames.forEach(name -> Objects.requireNonNull(name, "roleNames must not contain null"));
            if (roleNames.isEmpty()) {
                throw new IllegalArgumentException("roleNames must name at least one role (use nobody() for none)");
            }
            roleNames = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(roleNames));
        }

        /** The roles, sorted; copied. */
        ForRoles(Set<String> roleNames) {
            this(new TreeSet<>(Objects.requireNonNull(roleNames, "roleNames")));
        }

        @Override
        public boolean covers(Set<String> userRoles) {
            return userRoles.stream().anyMatch(roleNames::contains);
        }
    }
}
