package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.spi.RoleCodec;
import io.roostcrm.core.spi.RoleStore;
import io.roostcrm.permissions.Role;
import io.roostcrm.store.fluentcrm.internal.Jdbc;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.util.List;
import java.util.Optional;

/** Role definitions in {@code roost_roles}, each as {@link RoleCodec} text (WordPress roles are not Roost roles). */
final class SqlRoleStore implements RoleStore {

    private final UnitOfWork work;
    private final Jdbc jdbc;
    private final Tables t;

    SqlRoleStore(UnitOfWork work) {
        this.work = work;
        this.jdbc = work.jdbc();
        this.t = work.tables();
    }

    @Override
    public void save(Role role) {
        String definition = RoleCodec.encode(role);
        if (jdbc.update("UPDATE " + t.roostRoles() + " SET definition = ? WHERE name = ?", definition, role.name()) == 0) {
            jdbc.update("INSERT INTO " + t.roostRoles() + " (name, definition) VALUES (?, ?)", role.name(), definition);
        }
        work.bumpEpoch(SqlEpoch.Part.ROLES);
    }

    @Override
    public boolean delete(String name) {
        boolean deleted = jdbc.update("DELETE FROM " + t.roostRoles() + " WHERE name = ?", name) > 0;
        if (deleted) {
            work.bumpEpoch(SqlEpoch.Part.ROLES);
        }
        return deleted;
    }

    @Override
    public Optional<Role> find(String name) {
        return jdbc.first("SELECT definition FROM " + t.roostRoles() + " WHERE name = ?",
                rs -> RoleCodec.decode(rs.getString(1)), name);
    }

    @Override
    public List<Role> all() {
        return jdbc.query("SELECT definition FROM " + t.roostRoles() + " ORDER BY name",
                rs -> RoleCodec.decode(rs.getString(1)));
    }
}
