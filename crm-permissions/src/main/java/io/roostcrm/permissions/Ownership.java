package io.roostcrm.permissions;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Who owns a contact, as far as scopes care: the owner's user id and the owner's teams, or nobody.
 * Unassigned contacts are in every non-empty view scope (they can be claimed).
 */
public final class Ownership {

    private static final Ownership UNASSIGNED = new Ownership(0L, Set.of());

    private final long ownerId;
    private final Set<Long> ownerTeamIds;

    private Ownership(long ownerId, Set<Long> ownerTeamIds) {
        this.ownerId = ownerId;
        this.ownerTeamIds = ownerTeamIds;
    }

    /** A contact with no owner. */
    public static Ownership unassigned() {
        return UNASSIGNED;
    }

    /**
     * A contact owned by a user who belongs to the given teams.
     *
     * @param ownerId      the owner's user id, positive
     * @param ownerTeamIds the teams the owner belongs to
     */
    public static Ownership ownedBy(long ownerId, Set<Long> ownerTeamIds) {
        if (ownerId <= 0) {
            throw new IllegalArgumentException("ownerId was " + ownerId + " but it must be positive");
        }
        return new Ownership(ownerId, Set.copyOf(Objects.requireNonNull(ownerTeamIds, "ownerTeamIds")));
    }

    /** A contact owned by a user who belongs to no team. */
    public static Ownership ownedBy(long ownerId) {
        return ownedBy(ownerId, Set.of());
    }

    /** The owner, or empty when the contact is unassigned. */
    public OptionalLong owner() {
        return ownerId == 0L ? OptionalLong.empty() : OptionalLong.of(ownerId);
    }

    /** Whether the contact has no owner. */
    public boolean isUnassigned() {
        return ownerId == 0L;
    }

    /** The owner's teams (empty when unassigned). */
    public Set<Long> ownerTeamIds() {
        return ownerTeamIds;
    }

    long rawOwnerId() {
        return ownerId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ownership other && ownerId == other.ownerId && ownerTeamIds.equals(other.ownerTeamIds);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ownerId) * 31 + ownerTeamIds.hashCode();
    }

    @Override
    public String toString() {
        return isUnassigned() ? "Ownership[unassigned]" : "Ownership[owner=" + ownerId + ", teams=" + ownerTeamIds + "]";
    }
}
