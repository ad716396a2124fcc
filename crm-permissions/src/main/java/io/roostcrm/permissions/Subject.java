package io.roostcrm.permissions;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: a user, the teams they belong to, and the roles they hold.
 *
 * @param userId  the user's id, positive
 * @param teamIds the teams the user belongs to
 * @param roles   the roles the user holds, with distinct names; may be empty (then nothing is allowed)
 */
public record Subject(long userId, Set<Long> teamIds, List<Role> roles) {

    /** Validates and copies. */
    public Subject {
        if (userId <= 0) {
            throw new IllegalArgumentException("userId was " + userId + " but it must be positive");
        }
        teamIds = Set.copyOf(Objects.requireNonNull(teamIds, "teamIds"));
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        Set<String> names = new HashSet<>();
        for (Role role : roles) {
            if (!names.add(role.name())) {
                throw new IllegalArgumentException("roles contains duplicate role name '" + role.name() + "'");
            }
        }
    }

    /** A user in no team holding the given roles. */
    public static Subject of(long userId, Role... roles) {
        return new Subject(userId, Set.of(), List.of(roles));
    }

    /** Whether any role is a super admin. */
    public boolean isSuperAdmin() {
        for (Role role : roles) {
            if (role.isSuperAdmin()) {
                return true;
            }
        }
        return false;
    }

    /** Where a contact with this ownership sits relative to this user. */
    public ScopeClass classify(Ownership ownership) {
        long owner = ownership.rawOwnerId();
        if (owner == 0L || owner == userId) {
            return ScopeClass.OWN;
        }
        if (!teamIds.isEmpty()) {
            for (Long team : ownership.ownerTeamIds()) {
                if (teamIds.contains(team)) {
                    return ScopeClass.TEAM;
                }
            }
        }
        return ScopeClass.OTHER;
    }
}
