package io.roostcrm.store.jdbc.internal.store;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.contact.User;
import io.roostcrm.core.spi.UserStore;
import io.roostcrm.store.jdbc.internal.JdbcStoreTransaction;
import org.jooq.Condition;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ACTIVE;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.DISPLAY_NAME;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.LOGIN;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.ROLE_NAME;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.TEAM_ID;
import static io.roostcrm.store.jdbc.internal.schema.RoostTables.USER_ID;

/** Users in {@code roost_user}, their roles in {@code roost_user_role} and teams in {@code roost_user_team}. */
public final class JdbcUserStore extends SubStore implements UserStore {

    public JdbcUserStore(JdbcStoreTransaction tx) {
        super(tx);
    }

    @Override
    public User insert(User user) {
        Objects.requireNonNull(user, "user");
        if (user.id() < 0) {
            throw new IllegalArgumentException("user id must not be negative");
        }
        return run("insert a user", Optional.of("id"), () -> {
            if (user.id() > 0 && dsl().fetchExists(tables().user(), ID.eq(user.id()))) {
                throw new CrmValidationException(new Violation("id", "unique",
                        "user id " + user.id() + " is already taken"));
            }
            if (dsl().fetchExists(tables().user(), LOGIN.eq(user.login()))) {
                throw new CrmValidationException(new Violation("login", "unique",
                        "login '" + user.login() + "' is already taken"));
            }
            long id = user.id() > 0 ? user.id() : freeId();
            dsl().insertInto(tables().user()).set(ID, id).set(LOGIN, user.login())
                    .set(DISPLAY_NAME, user.displayName()).set(ACTIVE, user.active()).execute();
            User stored = new User(id, user.login(), user.displayName(), user.roleNames(), user.teamIds(), user.active());
            writeRolesAndTeams(stored);
            tx.bumpEpoch(JdbcEpoch.Part.USERS);
            return stored;
        });
    }

    /** A generated id no user has, even one inserted with an id the host chose. */
    private long freeId() {
        long id = nextNumber("user");
        while (dsl().fetchExists(tables().user(), ID.eq(id))) {
            id = nextNumber("user");
        }
        return id;
    }

    @Override
    public User update(User user) {
        Objects.requireNonNull(user, "user");
        return run("update a user", Optional.of("login"), () -> {
            int updated = dsl().update(tables().user()).set(LOGIN, user.login()).set(DISPLAY_NAME, user.displayName())
                    .set(ACTIVE, user.active()).where(ID.eq(user.id())).execute();
            if (updated == 0) {
                throw new CrmNotFoundException("user", user.id());
            }
            dsl().deleteFrom(tables().userRole()).where(USER_ID.eq(user.id())).execute();
            dsl().deleteFrom(tables().userTeam()).where(USER_ID.eq(user.id())).execute();
            writeRolesAndTeams(user);
            tx.bumpEpoch(JdbcEpoch.Part.USERS);
            return user;
        });
    }

    private void writeRolesAndTeams(User user) {
        if (!user.roleNames().isEmpty()) {
            var insert = dsl().insertInto(tables().userRole(), USER_ID, ROLE_NAME);
            for (String role : new LinkedHashSet<>(user.roleNames())) {
                insert = insert.values(user.id(), role);
            }
            insert.execute();
        }
        if (!user.teamIds().isEmpty()) {
            var insert = dsl().insertInto(tables().userTeam(), USER_ID, TEAM_ID);
            for (Long team : user.teamIds()) {
                insert = insert.values(user.id(), team);
            }
            insert.execute();
        }
    }

    @Override
    public Optional<User> find(long userId) {
        return run("read a user", () -> read(ID.eq(userId)).stream().findFirst());
    }

    @Override
    public Optional<User> findByLogin(String login) {
        Objects.requireNonNull(login, "login");
        return run("read a user", () -> read(LOGIN.eq(login)).stream().findFirst());
    }

    @Override
    public List<User> all() {
        return run("read users", () -> read(null));
    }

    private List<User> read(Condition condition) {
        var users = condition == null
                ? dsl().select(ID, LOGIN, DISPLAY_NAME, ACTIVE).from(tables().user()).orderBy(ID).fetch()
                : dsl().select(ID, LOGIN, DISPLAY_NAME, ACTIVE).from(tables().user()).where(condition).orderBy(ID).fetch();
        if (users.isEmpty()) {
            return List.of();
        }
        List<Long> ids = users.getValues(ID);
        Map<Long, List<String>> roles = new HashMap<>();
        Map<Long, Set<Long>> teams = new HashMap<>();
        for (List<Long> chunk : chunks(ids, CHUNK)) {
            for (Record r : dsl().select(USER_ID, ROLE_NAME).from(tables().userRole()).where(USER_ID.in(chunk))
                    .orderBy(USER_ID, ROLE_NAME).fetch()) {
                roles.computeIfAbsent(r.get(USER_ID), k -> new ArrayList<>()).add(r.get(ROLE_NAME));
            }
            for (Record r : dsl().select(USER_ID, TEAM_ID).from(tables().userTeam()).where(USER_ID.in(chunk)).fetch()) {
                teams.computeIfAbsent(r.get(USER_ID), k -> new LinkedHashSet<>()).add(r.get(TEAM_ID));
            }
        }
        List<User> result = new ArrayList<>(users.size());
        for (Record r : users) {
            long id = r.get(ID);
            result.add(new User(id, r.get(LOGIN), r.get(DISPLAY_NAME), roles.getOrDefault(id, List.of()),
                    teams.getOrDefault(id, Set.of()), r.get(ACTIVE)));
        }
        return result;
    }

    @Override
    public Map<Long, Set<Long>> teamsOf(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return run("read teams", () -> {
            Map<Long, Set<Long>> teams = new HashMap<>();
            for (List<Long> chunk : chunks(new LinkedHashSet<>(userIds), CHUNK)) {
                for (Record r : dsl().select(USER_ID, TEAM_ID).from(tables().userTeam()).where(USER_ID.in(chunk))
                        .fetch()) {
                    teams.computeIfAbsent(r.get(USER_ID), k -> new LinkedHashSet<>()).add(r.get(TEAM_ID));
                }
            }
            Map<Long, Set<Long>> result = new HashMap<>();
            teams.forEach((user, ids) -> result.put(user, Set.copyOf(ids)));
            return result;
        });
    }
}
