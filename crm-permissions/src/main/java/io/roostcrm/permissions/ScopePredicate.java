package io.roostcrm.permissions;

import java.util.Objects;
import java.util.Set;

/**
 * Which contacts a right reaches, as data a store can push into its query. A store translates each case to SQL
 * (e.g. {@link Owned} to {@code owner_id = ? OR owner_id IS NULL}); {@link #matches(Ownership)} is the reference
 * meaning every translation must agree with.
 */
public sealed interface ScopePredicate {

    /** Whether a contact with this ownership is reached. */
    boolean matches(Ownership ownership);

    /** Every contact. */
    static ScopePredicate all() {
        return All.INSTANCE;
    }

    /** No contact. */
    static ScopePredicate none() {
        return None.INSTANCE;
    }

    /** The predicate for a scope held by a subject. */
    static ScopePredicate of(Scope scope, Subject subject) {
        return switch (scope) {
            case ALL -> all();
            case NONE -> none();
            case OWNED -> new Owned(subject.userId());
            case TEAM -> subject.teamIds().isEmpty()
                    ? new Owned(subject.userId())
                    : new Team(subject.userId(), subject.teamIds());
        };
    }

    /** Every contact. */
    record All() implements ScopePredicate {
        static final All INSTANCE = new All();

        @Override
        public boolean matches(Ownership ownership) {
            return true;
        }
    }

    /** No contact. */
    record None() implements ScopePredicate {
        static final None INSTANCE = new None();

        @Override
        public boolean matches(Ownership ownership) {
            return false;
        }
    }

    /**
     * Contacts owned by the user, and unassigned contacts.
     *
     * @param userId the user
     */
    record Owned(long userId) implements ScopePredicate {
        @Override
        public boolean matches(Ownership ownership) {
            return ownership.isUnassigned() || ownership.rawOwnerId() == userId;
        }
    }

    /**
     * Contacts owned by the user, unassigned contacts, and contacts whose owner belongs to one of the teams.
     *
     * @param userId  the user
     * @param teamIds the user's teams, not empty
     */
    record Team(long userId, Set<Long> teamIds) implements ScopePredicate {
        /** Copies the teams. */
        public Team {
            teamIds = Set.copyOf(Objects.requireNonNull(teamIds, "teamIds"));
            if (teamIds.isEmpty()) {
                throw new IllegalArgumentException("teamIds must not be empty (use Owned)");
            }
        }

        @Override
        public boolean matches(Ownership ownership) {
            if (ownership.isUnassigned() || ownership.rawOwnerId() == userId) {
                return true;
            }
            for (Long team : ownership.ownerTeamIds()) {
                if (teamIds.contains(team)) {
                    return true;
                }
            }
            return false;
        }
    }
}
