package io.roostcrm.core.spi;

import io.roostcrm.core.contact.User;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users, their roles and teams. */
public interface UserStore {

    /**
     * Inserts a user. An id of {@code 0} asks the store to assign one; a positive id is kept (e.g. a host's user id).
     *
     * @throws io.roostcrm.core.CrmValidationException if the login or id is taken (field {@code login} or {@code id},
     *                                                rule {@code unique})
     */
    User insert(User user);

    /**
     * Replaces a user's login, display name, roles, teams and active flag.
     *
     * @throws io.roostcrm.core.CrmNotFoundException if no such user
     */
    User update(User user);

    /** One user. */
    Optional<User> find(long userId);

    /** One user by login. */
    Optional<User> findByLogin(String login);

    /** All users, by id. */
    List<User> all();

    /** The teams of each of these users (users with none map to an empty set or are absent). */
    Map<Long, Set<Long>> teamsOf(Collection<Long> userIds);
}
