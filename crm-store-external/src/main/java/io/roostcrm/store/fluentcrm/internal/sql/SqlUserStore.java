package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users as Roost knows them (ids are WordPress user ids, the values of {@code contact_owner}), their roles and teams,
 * in Roost's side tables; WordPress's own user tables are read, never written.
 *
 * <p>Every Roost user is a WordPress user of the site ({@link WordPressUsers}). A new user either gives its WordPress
 * id, and its login must then be that WordPress user's login or e-mail, or gives id 0 and its login (or e-mail) is
 * looked up among WordPress's users. An id that names no WordPress user, or a login that names another WordPress user
 * than the id, is refused ({@code wordpress_user}): otherwise the contacts Roost assigns to that user would show in
 * FluentCRM as another person's.
 */
final class SqlUserStore implements UserStore {

    /** The rule of a user that is not the WordPress user it must be. */
    static final String WORDPRESS_USER = "wordpress_user";

    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final Tables t;
    private final WordPressUsers wordPress;

    SqlUserStore(UnitOfWork work) {
        this.work = work;
        this.jdbc = work.jdbc();
        this.t = work.tables();
        this.wordPress = new WordPressUsers(work.jdbc(), work.context());
    }

    @Override
    public User insert(User user) {
        if (user.id() > 0 && taken(user.id())) {
            throw new CrmValidationException(Violation.of("id", "unique", "is already taken"));
        }
        checkLogin(user.login(), user.id());
        long id;
        if (user.id() > 0) {
            if (wordPress.find(user.id()).isEmpty()) {
                throw new CrmValidationException(Violation.of("id", WORDPRESS_USER,
                        "must be the ID of a WordPress user of this site"));
            }
            if (!wordPress.names(user.id(), user.login())) {
                throw new CrmValidationException(Violation.of("id", WORDPRESS_USER,
                        "names a WordPress user whose login and e-mail are not this user's login"));
            }
            id = user.id();
        } else {
            id = wordPress.findByLogin(user.login()).map(WordPressUsers.WordPressUser::id).orElseThrow(() ->
                    new CrmValidationException(Violation.of("login", WORDPRESS_USER,
                            "must be the login or e-mail of a WordPress user of this site")));
            if (taken(id)) {
                throw new CrmValidationException(Violation.of("login", "unique",
                        "names a WordPress user who already is a Roost user"));
            }
        }
        jdbc.update("INSERT INTO " + t.roostUsers() + " (id, login, display_name, active) VALUES (?, ?, ?, ?)",
                id, user.login(), user.displayName(), user.active());
        writeRolesAndTeams(id, user);
        work.bumpEpoch(SqlEpoch.Part.USERS);
        return new User(id, user.login(), user.displayName(), user.roleNames(), user.teamIds(), user.active());
    }

    @Override
    public User update(User user) {
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostUsers() + " WHERE id = ?", user.id()) == 0) {
            throw new CrmNotFoundException("user", user.id());
        }
        checkLogin(user.login(), user.id());
        // The id was bound to its WordPress user on insert; the login may change, but not to another person's.
        if (wordPress.find(user.id()).isEmpty()) {
            throw new CrmValidationException(Violation.of("id", WORDPRESS_USER,
                    "must be the ID of a WordPress user of this site"));
        }
        if (wordPress.namesAnotherThan(user.id(), user.login())) {
            throw new CrmValidationException(Violation.of("login", WORDPRESS_USER,
                    "is the login or e-mail of another WordPress user"));
        }
        jdbc.update("UPDATE " + t.roostUsers() + " SET login = ?, display_name = ?, active = ? WHERE id = ?",
                user.login(), user.displayName(), user.active(), user.id());
        writeRolesAndTeams(user.id(), user);
        work.bumpEpoch(SqlEpoch.Part.USERS);
        return user;
    }

    private boolean taken(long id) {
        return jdbc.number("SELECT COUNT(*) FROM " + t.roostUsers() + " WHERE id = ?", id) > 0;
    }

    private void checkLogin(String login, long self) {
        if (jdbc.number("SELECT COUNT(*) FROM " + t.roostUsers() + " WHERE login = ? AND id <> ?", login, self) > 0) {
            throw new CrmValidationException(Violation.of("login", "unique", "is already taken"));
        }
    }

    private void writeRolesAndTeams(long id, User user) {
        jdbc.update("DELETE FROM " + t.roostUserRoles() + " WHERE user_id = ?", id);
        jdbc.update("DELETE FROM " + t.roostUserTeams() + " WHERE user_id = ?", id);
        int ordinal = 0;
        for (String role : user.roleNames()) {
            jdbc.update("INSERT INTO " + t.roostUserRoles() + " (user_id, ordinal, role_name) VALUES (?, ?, ?)", id,
                    ordinal++, role);
        }
        for (Long team : user.teamIds()) {
            jdbc.update("INSERT INTO " + t.roostUserTeams() + " (user_id, team_id) VALUES (?, ?)", id, team);
        }
    }

    @Override
    public Optional<User> find(long userId) {
        return load(" WHERE id = ?", userId).stream().findFirst();
    }

    @Override
    public Optional<User> findByLogin(String login) {
        return load(" WHERE login = ?", login).stream().findFirst();
    }

    @Override
    public List<User> all() {
        return load("", new Object[0]);
    }

    private List<User> load(String where, Object... params) {
        List<Object[]> rows = jdbc.query("SELECT id, login, display_name, active FROM " + t.roostUsers() + where
                + " ORDER BY id", rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getBoolean(4)}, params);
        List<User> users = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            List<String> roles = jdbc.query("SELECT role_name FROM " + t.roostUserRoles() + " WHERE user_id = ?"
                    + " ORDER BY ordinal", rs -> rs.getString(1), id);
            Set<Long> teams = new LinkedHashSet<>(jdbc.query("SELECT team_id FROM " + t.roostUserTeams()
                    + " WHERE user_id = ? ORDER BY team_id", rs -> rs.getLong(1), id));
            users.add(new User(id, (String) r[1], (String) r[2], roles, teams, (Boolean) r[3]));
        }
        return users;
    }

    @Override
    public Map<Long, Set<Long>> teamsOf(Collection<Long> userIds) {
        Map<Long, Set<Long>> out = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.query("SELECT user_id, team_id FROM " + t.roostUserTeams() + " WHERE user_id IN ("
                            + String.join(", ", chunk.stream().map(i -> "?").toList()) + ") ORDER BY user_id, team_id",
                    rs -> out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2)),
                    new ArrayList<Object>(chunk));
        }
        return out;
    }
}
