package io.roostcrm.core.contact;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user of the CRM: who owns contacts, holds roles and belongs to teams.
 *
 * @param id          the user's id (for an external store, the host's user id, e.g. a WordPress user id)
 * @param login       unique login name, 1 to 100 characters
 * @param displayName display name
 * @param roleNames   the names of the roles the user holds
 * @param teamIds     the teams the user belongs to
 * @param active      inactive users cannot act
 */
public record User(long id, String login, String displayName, List<String> roleNames, Set<Long> teamIds,
                   boolean active) {
    /**
     * Checks and copies.
     *
     * @throws NullPointerException naming the parameter when one, or an element of {@code roleNames} or
     *                              {@code teamIds}, is {@code null}
     */
    public User {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        roleNames = List.copyOf(noNulls(roleNames, "roleNames"));
        teamIds = Set.copyOf(noNulls(teamIds, "teamIds"));
    }

    /** The collection, checked: {@code List.copyOf} alone reported a null as {@code "coll" is null}. */
    private static <C extends Collection<?>> C noNulls(C collection, String name) {
        Objects.requireNonNull(collection, name);
        for (Object element : collection) {
            Objects.requireNonNull(element, () -> name + " must not contain null");
        }
        return collection;
    }
}
